package org.supportinbox.bench;

import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.HdrHistogram.Histogram;
import org.supportinbox.bench.IngestBenchmark.Phase;
import org.supportinbox.bench.ProcessProbe.Owner;

/** The results as Markdown tables, the form docs/performance.md quotes. */
final class Report {

  private static final String NONE = "–";

  private Report() {}

  static String markdown(
      Properties pgbench, ProcessProbe.Memory idle, List<Phase> phases, int rate) {
    StringBuilder md = new StringBuilder();
    md.append("### Load\n\n")
        .append(
            "| phase | load | requests | errors | throughput (/s) | stored+published (msg/s)"
                + " | latency p50 (ms) | p90 | p99 | max |\n")
        .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    if (!pgbench.isEmpty()) {
      md.append(
          row(
              "PostgreSQL alone (pgbench)",
              pgbench.getProperty("clients")
                  + " clients, "
                  + pgbench.getProperty("duration")
                  + " s; 1 transaction = 2 INSERTs",
              pgbench.getProperty("transactions") + " tx",
              pgbench.getProperty("failed"),
              pgbench.getProperty("tps") + " tx/s",
              NONE,
              pgbench.getProperty("p50"),
              pgbench.getProperty("p90"),
              pgbench.getProperty("p99"),
              pgbench.getProperty("max")));
    }
    for (Phase p : phases) {
      LoadResult r = p.result();
      Histogram h = r.latencyMicros();
      md.append(
          row(
              p.name(),
              p.load(),
              Long.toString(r.requests()),
              Long.toString(r.errors()),
              f0(r.throughput()),
              f0(p.lag().publishedInPhase() / r.seconds()),
              ms(h.getValueAtPercentile(50)),
              ms(h.getValueAtPercentile(90)),
              ms(h.getValueAtPercentile(99)),
              ms(h.getMaxValue())));
    }

    md.append("\n### Outbox and resources\n\n")
        .append(
            "| phase | outbox rows | lag p50 (ms) | p90 | p99 | max | backlog zero after (ms)"
                + " | Payara RSS / peak (MiB) | CPU busy (cores): all | Payara | PostgreSQL"
                + " | RabbitMQ | load generator | other |\n")
        .append(
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---:"
                + " | ---: | ---: |\n");
    md.append(
        row(
            "idle, after start-up",
            NONE,
            NONE,
            NONE,
            NONE,
            NONE,
            NONE,
            mib(idle),
            NONE,
            NONE,
            NONE,
            NONE,
            NONE,
            NONE));
    for (Phase p : phases) {
      OutboxLag.Lag lag = p.lag();
      ProcessProbe.Cpu cpu = p.cpu();
      md.append(
          row(
              p.name(),
              lag.rows()
                  + (lag.unpublished() > 0 ? " (" + lag.unpublished() + " unpublished)" : ""),
              f1(lag.p50Millis()),
              f1(lag.p90Millis()),
              f1(lag.p99Millis()),
              f1(lag.maxMillis()),
              lag.drainedAfterMillis() < 0
                  ? "not drained"
                  : Long.toString(lag.drainedAfterMillis()),
              mib(p.memory()),
              f2(cpu.machine()),
              f2(cpu.byOwner().get(Owner.PAYARA)),
              f2(cpu.byOwner().get(Owner.POSTGRES)),
              f2(cpu.byOwner().get(Owner.RABBITMQ)),
              f2(cpu.byOwner().get(Owner.LOAD_GENERATOR)),
              f2(cpu.other())));
    }

    md.append("\n### Targets (recorded, not asserted)\n\n");
    phases.stream()
        .filter(p -> p.name().equals("closed loop"))
        .findFirst()
        .ifPresent(
            p -> {
              double v = p.lag().publishedInPhase() / p.result().seconds();
              md.append(
                  String.format(
                      Locale.ROOT,
                      "- >= %,.0f stored+published msg/s (closed loop): %s, measured %,.0f msg/s\n",
                      IngestBenchmark.TARGET_STORED_PUBLISHED_PER_SECOND,
                      v >= IngestBenchmark.TARGET_STORED_PUBLISHED_PER_SECOND ? "met" : "NOT met",
                      v));
            });
    phases.stream()
        .filter(p -> p.name().equals("fixed rate"))
        .findFirst()
        .ifPresent(
            p -> {
              double p99 = p.result().latencyMicros().getValueAtPercentile(99) / 1000.0;
              String verdict =
                  rate != IngestBenchmark.TARGET_RATE
                      ? "not measured (this run used " + rate + " msg/s)"
                      : p99 <= IngestBenchmark.TARGET_P99_MILLIS && p.result().errors() == 0
                          ? "met"
                          : "NOT met";
              md.append(
                  String.format(
                      Locale.ROOT,
                      "- p99 <= %.0f ms at %d msg/s (fixed rate): %s, measured p99 %.2f ms"
                          + " with %d errors\n",
                      IngestBenchmark.TARGET_P99_MILLIS,
                      IngestBenchmark.TARGET_RATE,
                      verdict,
                      p99,
                      p.result().errors()));
            });
    for (Phase p : phases) {
      if (!p.result().errorSamples().isEmpty()) {
        md.append("\nFirst errors of ").append(p.name()).append(":\n\n");
        p.result().errorSamples().forEach(e -> md.append("- `").append(e).append("`\n"));
      }
    }
    return md.toString();
  }

  private static String row(String... cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }

  private static String ms(long micros) {
    return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
  }

  private static String mib(ProcessProbe.Memory m) {
    return String.format(Locale.ROOT, "%d / %d", m.rssKib() / 1024, m.peakKib() / 1024);
  }

  private static String f0(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  private static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
