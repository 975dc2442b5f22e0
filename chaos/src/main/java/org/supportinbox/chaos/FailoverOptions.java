package org.supportinbox.chaos;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of {@code ./inbox chaos --pg-failover}: the load, the instances on the private
 * PostgreSQL primary/standby pair, the replication mode, and the failover: the primary is stopped
 * ({@code -m immediate}) at {@code stop-at} percent of the sending window ({@code messages / rate}
 * seconds) and the standby promoted {@code promote-after} seconds later (the time a failover
 * manager takes to decide).
 */
record FailoverOptions(
    int messages,
    double rate,
    int customers,
    int operators,
    int gateways,
    int replicas,
    int aiConcurrency,
    int modelLatencyMs,
    String replication,
    int stopAtPercent,
    int promoteAfterSeconds,
    int insightDeadlineSeconds,
    int sendGiveUpSeconds,
    Path reportDir)
    implements Flags.Settable<FailoverOptions> {

  static final String USAGE =
      "usage: ./inbox chaos --pg-failover [--messages K] [--rate R] [--customers C]"
          + " [--operators N] [--gateways G] [--replicas F] [--ai-concurrency A]"
          + " [--model-latency MS] [--replication sync|async] [--stop-at PERCENT]"
          + " [--promote-after S] [--insight-deadline S] [--give-up S] [--report-dir DIR]\n"
          + "defaults: 1000 messages at 10/s, 40 customers, 4 operator sockets, 1 messaging, 2"
          + " gateways, 2 AI replicas of concurrency 4 on a private PostgreSQL primary and"
          + " standby (synchronous replication); the primary stopped (immediate) at 40% of the"
          + " sending window, the standby promoted 5 s later; insights due 120 s after the"
          + " promotion, a send given up after 300 s of retries";

  static FailoverOptions defaults(Path reportDir) {
    return new FailoverOptions(1000, 10, 40, 4, 2, 2, 4, 50, "sync", 40, 5, 120, 300, reportDir);
  }

  /**
   * The short form FailoverChaosIT runs inside {@code mvn verify}: the same failover under a
   * smaller load (60 s of sending) and one gateway (each Payara Micro boot costs one to three
   * minutes on the 2-core test machine).
   */
  static FailoverOptions shortForm(Path reportDir) {
    return defaults(reportDir)
        .with("messages", "300")
        .with("rate", "5")
        .with("customers", "20")
        .with("operators", "2")
        .with("gateways", "1")
        .with("replicas", "1");
  }

  static FailoverOptions parse(List<String> args, Path reportDir) {
    return Flags.apply(args, defaults(reportDir), USAGE).validated();
  }

  @Override
  public FailoverOptions with(String name, String value) {
    Map<String, String> v = values();
    if (!v.containsKey(name)) {
      throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
    }
    v.put(name, value);
    try {
      return new FailoverOptions(
          Integer.parseInt(v.get("messages")),
          Double.parseDouble(v.get("rate")),
          Integer.parseInt(v.get("customers")),
          Integer.parseInt(v.get("operators")),
          Integer.parseInt(v.get("gateways")),
          Integer.parseInt(v.get("replicas")),
          Integer.parseInt(v.get("ai-concurrency")),
          Integer.parseInt(v.get("model-latency")),
          v.get("replication"),
          Integer.parseInt(v.get("stop-at")),
          Integer.parseInt(v.get("promote-after")),
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
    v.put("gateways", Integer.toString(gateways));
    v.put("replicas", Integer.toString(replicas));
    v.put("ai-concurrency", Integer.toString(aiConcurrency));
    v.put("model-latency", Integer.toString(modelLatencyMs));
    v.put("replication", replication);
    v.put("stop-at", Integer.toString(stopAtPercent));
    v.put("promote-after", Integer.toString(promoteAfterSeconds));
    v.put("insight-deadline", Integer.toString(insightDeadlineSeconds));
    v.put("give-up", Integer.toString(sendGiveUpSeconds));
    v.put("report-dir", reportDir.toString());
    return v;
  }

  FailoverOptions validated() {
    if (messages < 1 || messages > 1_000_000 || rate <= 0 || rate > 2000) {
      throw new IllegalArgumentException("messages 1..1000000 and rate (0, 2000] per second");
    }
    if (customers < 1
        || gateways < 1
        || operators < gateways
        || replicas < 1
        || aiConcurrency < 1
        || aiConcurrency > 64) {
      throw new IllegalArgumentException(
          "customers, gateways, replicas >= 1, operators >= gateways (one socket per gateway at"
              + " least), ai-concurrency 1..64");
    }
    if (!replication.equals("sync") && !replication.equals("async")) {
      throw new IllegalArgumentException("--replication is sync or async, not " + replication);
    }
    if (stopAtPercent < 1
        || stopAtPercent > 90
        || modelLatencyMs < 0
        || promoteAfterSeconds < 0
        || insightDeadlineSeconds < 1
        || sendGiveUpSeconds < 10) {
      throw new IllegalArgumentException(
          "stop-at 1..90, model-latency >= 0, promote-after >= 0, insight-deadline >= 1,"
              + " give-up >= 10");
    }
    return this;
  }

  boolean synchronous() {
    return replication.equals("sync");
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
