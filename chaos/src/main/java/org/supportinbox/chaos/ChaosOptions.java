package org.supportinbox.chaos;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    int mails,
    int smtpOutageSeconds,
    Path reportDir)
    implements Flags.Settable<ChaosOptions> {

  static final String USAGE =
      "usage: ./inbox chaos [--messages K] [--rate R] [--customers C] [--operators N]"
          + " [--replicas F] [--ai-concurrency A] [--model-latency MS] [--ollama-outage S]"
          + " [--ws-drop S] [--rabbit-down S] [--insight-deadline S] [--give-up S]"
          + " [--mails M] [--smtp-outage S] [--report-dir DIR]\n"
          + "defaults: 5000 messages at 20/s, 50 customers, 4 operator sockets (2 per gateway),"
          + " 2 AI replicas of concurrency 4, model latency 50 ms, Ollama unreachable 30 s,"
          + " WebSockets of gateway 1 dropped for 5 s, RabbitMQ app stopped for 5 s, insights due"
          + " 60 s after the last fault, a send given up after 300 s of retries;"
          + " email phase: 200 customer mails, each answered by an operator, through two mail"
          + " function replicas (one SIGKILLed and replaced) and an SMTP server stopped for 60 s"
          + " (--mails 0: no email phase)";

  static ChaosOptions defaults(Path reportDir) {
    return new ChaosOptions(5000, 20, 50, 4, 2, 4, 50, 30, 5, 5, 60, 300, 200, 60, reportDir);
  }

  /**
   * The short form ChaosIT runs inside {@code mvn verify}: 300 messages and 40 mails, the same
   * faults (the SMTP server down for a minute too).
   */
  static ChaosOptions shortForm(Path reportDir) {
    return defaults(reportDir)
        .with("messages", "300")
        .with("rate", "2")
        .with("customers", "20")
        .with("mails", "40");
  }

  static ChaosOptions parse(String[] args, Path reportDir) {
    return Flags.apply(List.of(args), defaults(reportDir), USAGE).validated();
  }

  @Override
  public ChaosOptions with(String name, String value) {
    Map<String, String> v = values();
    if (!v.containsKey(name)) {
      throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
    }
    v.put(name, value);
    try {
      return new ChaosOptions(
          Integer.parseInt(v.get("messages")),
          Double.parseDouble(v.get("rate")),
          Integer.parseInt(v.get("customers")),
          Integer.parseInt(v.get("operators")),
          Integer.parseInt(v.get("replicas")),
          Integer.parseInt(v.get("ai-concurrency")),
          Integer.parseInt(v.get("model-latency")),
          Integer.parseInt(v.get("ollama-outage")),
          Integer.parseInt(v.get("ws-drop")),
          Integer.parseInt(v.get("rabbit-down")),
          Integer.parseInt(v.get("insight-deadline")),
          Integer.parseInt(v.get("give-up")),
          Integer.parseInt(v.get("mails")),
          Integer.parseInt(v.get("smtp-outage")),
          Path.of(v.get("report-dir")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " needs a number, not " + value, e);
    }
  }

  /** The settings by option name, as text. */
  private Map<String, String> values() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("messages", Integer.toString(messages));
    v.put("rate", Double.toString(rate));
    v.put("customers", Integer.toString(customers));
    v.put("operators", Integer.toString(operators));
    v.put("replicas", Integer.toString(replicas));
    v.put("ai-concurrency", Integer.toString(aiConcurrency));
    v.put("model-latency", Integer.toString(modelLatencyMs));
    v.put("ollama-outage", Integer.toString(ollamaOutageSeconds));
    v.put("ws-drop", Integer.toString(wsDropSeconds));
    v.put("rabbit-down", Integer.toString(rabbitDownSeconds));
    v.put("insight-deadline", Integer.toString(insightDeadlineSeconds));
    v.put("give-up", Integer.toString(sendGiveUpSeconds));
    v.put("mails", Integer.toString(mails));
    v.put("smtp-outage", Integer.toString(smtpOutageSeconds));
    v.put("report-dir", reportDir.toString());
    return v;
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
    if (mails < 0 || mails > 100_000 || smtpOutageSeconds < 1) {
      throw new IllegalArgumentException("mails 0..100000 (0: no email phase), smtp-outage >= 1");
    }
    return this;
  }

  /** Whether the run has its email phase. */
  boolean email() {
    return mails > 0;
  }

  /** How long sending takes at the steady rate, in milliseconds. */
  long windowMillis() {
    return (long) Math.ceil(messages * 1000.0 / rate);
  }
}
