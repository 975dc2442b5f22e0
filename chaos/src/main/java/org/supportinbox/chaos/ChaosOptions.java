package org.supportinbox.chaos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of one run. {@code --messages} and {@code --rate} set the load; the faults happen at
 * fixed fractions of the sending window ({@code messages / rate} seconds), see {@link Faults}.
 */
record ChaosOptions(
    int messages,
    double rate,
    int customers,
    int operators,
    int replicas,
    int aiConcurrency,
    int modelLatencyMs,
    int ollamaOutageSeconds,
    int wsDropSeconds,
    int rabbitDownSeconds,
    int insightDeadlineSeconds,
    int sendGiveUpSeconds,
    Path reportDir) {

  static final String USAGE =
      "usage: ./inbox chaos [--messages K] [--rate R] [--customers C] [--operators N]"
          + " [--replicas F] [--ai-concurrency A] [--model-latency MS] [--ollama-outage S]"
          + " [--ws-drop S] [--rabbit-down S] [--insight-deadline S] [--give-up S]"
          + " [--report-dir DIR]\n"
          + "defaults: 5000 messages at 20/s, 50 customers, 4 operator sockets (2 per gateway),"
          + " 2 AI replicas of concurrency 4, model latency 50 ms, Ollama unreachable 30 s,"
          + " WebSockets of gateway 1 dropped for 5 s, RabbitMQ app stopped for 5 s, insights due"
          + " 60 s after the last fault, a send given up after 300 s of retries";

  static ChaosOptions defaults(Path reportDir) {
    return new ChaosOptions(5000, 20, 50, 4, 2, 4, 50, 30, 5, 5, 60, 300, reportDir);
  }

  /** The short form ChaosIT runs inside {@code mvn verify}: 300 messages, the same faults. */
  static ChaosOptions shortForm(Path reportDir) {
    return defaults(reportDir).with("messages", "300").with("rate", "2").with("customers", "20");
  }

  static ChaosOptions parse(String[] args, Path reportDir) {
    ChaosOptions o = defaults(reportDir);
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String flag = rest.remove(0);
      if (flag.equals("-h") || flag.equals("--help")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (!flag.startsWith("--") || rest.isEmpty()) {
        throw new IllegalArgumentException("unknown or incomplete option " + flag + "\n" + USAGE);
      }
      o = o.with(flag.substring(2), rest.remove(0));
    }
    return o.validated();
  }

  ChaosOptions with(String name, String value) {
    try {
      switch (name) {
        case "messages":
          return new ChaosOptions(
              Integer.parseInt(value),
              rate,
              customers,
              operators,
              replicas,
              aiConcurrency,
              modelLatencyMs,
              ollamaOutageSeconds,
              wsDropSeconds,
              rabbitDownSeconds,
              insightDeadlineSeconds,
              sendGiveUpSeconds,
              reportDir);
        case "rate":
          return new ChaosOptions(
              messages,
              Double.parseDouble(value),
              customers,
              operators,
              replicas,
              aiConcurrency,
              modelLatencyMs,
              ollamaOutageSeconds,
              wsDropSeconds,
              rabbitDownSeconds,
              insightDeadlineSeconds,
              sendGiveUpSeconds,
              reportDir);
        case "customers":
          return new ChaosOptions(
              messages,
              rate,
              Integer.parseInt(value),
              operators,
              replicas,
              aiConcurrency,
              modelLatencyMs,
              ollamaOutageSeconds,
              wsDropSeconds,
              rabbitDownSeconds,
              insightDeadlineSeconds,
              sendGiveUpSeconds,
              reportDir);
        case "operators":
          return new ChaosOptions(
              messages,
              rate,
              customers,
              Integer.parseInt(value),
              replicas,
              aiConcurrency,
              modelLatencyMs,
              ollamaOutageSeconds,
              wsDropSeconds,
              rabbitDownSeconds,
              insightDeadlineSeconds,
              sendGiveUpSeconds,
              reportDir);
        case "replicas":
          return new ChaosOptions(
              messages,
              rate,
              customers,
              operators,
              Integer.parseInt(value),
              aiConcurrency,
              modelLatencyMs,
              ollamaOutageSeconds,
              wsDropSeconds,
              rabbitDownSeconds,
              insightDeadlineSeconds,
              sendGiveUpSeconds,
              reportDir);
        case "ai-concurrency":
          return new ChaosOptions(
              messages,
              rate,
              customers,
              operators,
              replicas,
              Integer.parseInt(value),
              modelLatencyMs,
              ollamaOutageSeconds,
              wsDropSeconds,
              rabbitDownSeconds,
              insightDeadlineSeconds,
              sendGiveUpSeconds,
              reportDir);
        case "model-latency":
          return new ChaosOptions(
              messages,
              rate,
              customers,
              operators,
              replicas,
              aiConcurrency,
              Integer.parseInt(value),
              ollamaOutageSeconds,
              wsDropSeconds,
              rabbitDownSeconds,
              insightDeadlineSeconds,
              sendGiveUpSeconds,
              reportDir);
        case "ollama-outage":
          return new ChaosOptions(
              messages,
              rate,
              customers,
              operators,
              replicas,
              aiConcurrency,
              modelLatencyMs,
              Integer.parseInt(value),
              wsDropSeconds,
              rabbitDownSeconds,
              insightDeadlineSeconds,
              sendGiveUpSeconds,
              reportDir);
        case "ws-drop":
          return new ChaosOptions(
              messages,
              rate,
              customers,
              operators,
              replicas,
              aiConcurrency,
              modelLatencyMs,
              ollamaOutageSeconds,
              Integer.parseInt(value),
              rabbitDownSeconds,
              insightDeadlineSeconds,
              sendGiveUpSeconds,
              reportDir);
        case "rabbit-down":
          return new ChaosOptions(
              messages,
              rate,
              customers,
              operators,
              replicas,
              aiConcurrency,
              modelLatencyMs,
              ollamaOutageSeconds,
              wsDropSeconds,
              Integer.parseInt(value),
              insightDeadlineSeconds,
              sendGiveUpSeconds,
              reportDir);
        case "insight-deadline":
          return new ChaosOptions(
              messages,
              rate,
              customers,
              operators,
              replicas,
              aiConcurrency,
              modelLatencyMs,
              ollamaOutageSeconds,
              wsDropSeconds,
              rabbitDownSeconds,
              Integer.parseInt(value),
              sendGiveUpSeconds,
              reportDir);
        case "give-up":
          return new ChaosOptions(
              messages,
              rate,
              customers,
              operators,
              replicas,
              aiConcurrency,
              modelLatencyMs,
              ollamaOutageSeconds,
              wsDropSeconds,
              rabbitDownSeconds,
              insightDeadlineSeconds,
              Integer.parseInt(value),
              reportDir);
        case "report-dir":
          return new ChaosOptions(
              messages,
              rate,
              customers,
              operators,
              replicas,
              aiConcurrency,
              modelLatencyMs,
              ollamaOutageSeconds,
              wsDropSeconds,
              rabbitDownSeconds,
              insightDeadlineSeconds,
              sendGiveUpSeconds,
              Path.of(value));
        default:
          throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " needs a number, not " + value, e);
    }
  }

  ChaosOptions validated() {
    if (messages < 1 || messages > 1_000_000 || rate <= 0 || rate > 2000) {
      throw new IllegalArgumentException("messages 1..1000000 and rate (0, 2000] per second");
    }
    if (customers < 1 || operators < 2 || replicas < 1 || aiConcurrency < 1 || aiConcurrency > 64) {
      throw new IllegalArgumentException(
          "customers >= 1, operators >= 2 (one per gateway at least), replicas >= 1,"
              + " ai-concurrency 1..64");
    }
    if (modelLatencyMs < 0
        || ollamaOutageSeconds < 1
        || wsDropSeconds < 1
        || rabbitDownSeconds < 0
        || insightDeadlineSeconds < 1
        || sendGiveUpSeconds < 10) {
      throw new IllegalArgumentException(
          "model-latency >= 0, ollama-outage, ws-drop, insight-deadline >= 1, rabbit-down >= 0,"
              + " give-up >= 10");
    }
    return this;
  }

  /** How long sending takes at the steady rate, in milliseconds. */
  long windowMillis() {
    return (long) Math.ceil(messages * 1000.0 / rate);
  }
}
