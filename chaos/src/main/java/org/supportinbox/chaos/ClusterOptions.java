package org.supportinbox.chaos;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of {@code ./inbox chaos --cluster}: the load, how many instances of each service on
 * the three-node RabbitMQ cluster, and how long a killed node stays down. The two node kills happen
 * at 20% and 55% of the sending window ({@code messages / rate} seconds), the second later if the
 * first victim was not accepting connections 10 s before that (see {@link ClusterRun}).
 */
record ClusterOptions(
    int messages,
    double rate,
    int customers,
    int operators,
    int messagingInstances,
    int gateways,
    int replicas,
    int aiConcurrency,
    int modelLatencyMs,
    int nodeDownSeconds,
    int insightDeadlineSeconds,
    int sendGiveUpSeconds,
    Path reportDir)
    implements Flags.Settable<ClusterOptions> {

  static final String USAGE =
      "usage: ./inbox chaos --cluster [--messages K] [--rate R] [--customers C] [--operators N]"
          + " [--messaging M] [--gateways G] [--replicas F] [--ai-concurrency A]"
          + " [--model-latency MS] [--node-down S] [--insight-deadline S] [--give-up S]"
          + " [--report-dir DIR]\n"
          + "defaults: 2000 messages at 10/s, 40 customers, 4 operator sockets, 2 messaging, 2"
          + " gateways, 2 AI replicas of concurrency 4 on a 3-node RabbitMQ cluster; the node"
          + " with most client connections SIGKILLed at 20% of the sending window and another at"
          + " 55%, each restarted after 10 s;"
          + " insights due 60 s after the last fault, a send given up after 300 s of retries";

  static ClusterOptions defaults(Path reportDir) {
    return new ClusterOptions(2000, 10, 40, 4, 2, 2, 2, 4, 50, 10, 60, 300, reportDir);
  }

  /**
   * The short form ClusterChaosIT runs inside {@code mvn verify}: the same cluster and the same two
   * node kills, a smaller load, and one messaging instance (each Payara Micro boot costs one to
   * three minutes on the 2-core test machine).
   */
  static ClusterOptions shortForm(Path reportDir) {
    return defaults(reportDir)
        .with("messages", "400")
        .with("rate", "5")
        .with("customers", "20")
        .with("messaging", "1");
  }

  static ClusterOptions parse(List<String> args, Path reportDir) {
    return Flags.apply(args, defaults(reportDir), USAGE).validated();
  }

  @Override
  public ClusterOptions with(String name, String value) {
    Map<String, String> v = values();
    if (!v.containsKey(name)) {
      throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
    }
    v.put(name, value);
    try {
      return new ClusterOptions(
          Integer.parseInt(v.get("messages")),
          Double.parseDouble(v.get("rate")),
          Integer.parseInt(v.get("customers")),
          Integer.parseInt(v.get("operators")),
          Integer.parseInt(v.get("messaging")),
          Integer.parseInt(v.get("gateways")),
          Integer.parseInt(v.get("replicas")),
          Integer.parseInt(v.get("ai-concurrency")),
          Integer.parseInt(v.get("model-latency")),
          Integer.parseInt(v.get("node-down")),
          Integer.parseInt(v.get("insight-deadline")),
          Integer.parseInt(v.get("give-up")),
          Path.of(v.get("report-dir")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " needs a number, not " + value, e);
    }
  }

  private Map<String, String> values() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("messages", Integer.toString(messages));
    v.put("rate", Double.toString(rate));
    v.put("customers", Integer.toString(customers));
    v.put("operators", Integer.toString(operators));
    v.put("messaging", Integer.toString(messagingInstances));
    v.put("gateways", Integer.toString(gateways));
    v.put("replicas", Integer.toString(replicas));
    v.put("ai-concurrency", Integer.toString(aiConcurrency));
    v.put("model-latency", Integer.toString(modelLatencyMs));
    v.put("node-down", Integer.toString(nodeDownSeconds));
    v.put("insight-deadline", Integer.toString(insightDeadlineSeconds));
    v.put("give-up", Integer.toString(sendGiveUpSeconds));
    v.put("report-dir", reportDir.toString());
    return v;
  }

  ClusterOptions validated() {
    if (messages < 1 || messages > 1_000_000 || rate <= 0 || rate > 2000) {
      throw new IllegalArgumentException("messages 1..1000000 and rate (0, 2000] per second");
    }
    if (customers < 1
        || messagingInstances < 1
        || gateways < 1
        || operators < gateways
        || replicas < 1
        || aiConcurrency < 1
        || aiConcurrency > 64) {
      throw new IllegalArgumentException(
          "customers, messaging, gateways, replicas >= 1, operators >= gateways (one socket per"
              + " gateway at least), ai-concurrency 1..64");
    }
    if (modelLatencyMs < 0
        || nodeDownSeconds < 0
        || insightDeadlineSeconds < 1
        || sendGiveUpSeconds < 10) {
      throw new IllegalArgumentException(
          "model-latency >= 0, node-down >= 0, insight-deadline >= 1, give-up >= 10");
    }
    return this;
  }

  /** How long sending takes at the steady rate, in milliseconds. */
  long windowMillis() {
    return (long) Math.ceil(messages * 1000.0 / rate);
  }

  /** The ledger checks' settings (shared with {@link ChaosRun}). */
  ChaosOptions ledgerOptions() {
    return ChaosOptions.defaults(reportDir)
        .with("insight-deadline", Integer.toString(insightDeadlineSeconds))
        .with("give-up", Integer.toString(sendGiveUpSeconds));
  }
}
