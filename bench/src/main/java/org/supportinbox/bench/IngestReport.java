package org.supportinbox.bench;

import static org.supportinbox.bench.Markdown.NONE;
import static org.supportinbox.bench.Markdown.REQUEST_COLUMNS;
import static org.supportinbox.bench.Markdown.cells;
import static org.supportinbox.bench.Markdown.cpuCells;
import static org.supportinbox.bench.Markdown.cpuHeader;
import static org.supportinbox.bench.Markdown.errorSamples;
import static org.supportinbox.bench.Markdown.f0;
import static org.supportinbox.bench.Markdown.f1;
import static org.supportinbox.bench.Markdown.mib;
import static org.supportinbox.bench.Markdown.noCpu;
import static org.supportinbox.bench.Markdown.percentileColumns;
import static org.supportinbox.bench.Markdown.percentiles;
import static org.supportinbox.bench.Markdown.requestCells;
import static org.supportinbox.bench.Markdown.row;
import static org.supportinbox.bench.Markdown.table;

import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.supportinbox.bench.IngestBenchmark.Phase;

/** The ingest results as Markdown tables, the form docs/performance.md quotes. */
final class IngestReport {

  private IngestReport() {}

  /** {@code owners}: the CPU columns ({@link ProcessProbe#owners()}). */
  static String markdown(
      Properties pgbench,
      ProcessProbe.Memory idle,
      List<Phase> phases,
      List<String> owners,
      int rate) {
    StringBuilder md = new StringBuilder();
    md.append(
        table(
            "Load",
            2,
            cells(REQUEST_COLUMNS, "stored+published (msg/s)", percentileColumns("latency"))));
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
      md.append(
          row(
              cells(
                  requestCells(p.name(), p.load(), r),
                  f0(p.lag().publishedInPhase() / r.seconds()),
                  percentiles(r.latencyMicros()))));
    }

    md.append('\n')
        .append(
            table(
                "Outbox and resources",
                1,
                cells(
                    "phase",
                    "outbox rows",
                    percentileColumns("lag"),
                    "backlog zero after (ms)",
                    "Payara RSS / peak (MiB)",
                    cpuHeader(owners))));
    md.append(
        row(
            cells(
                "idle, after start-up",
                NONE,
                NONE,
                NONE,
                NONE,
                NONE,
                NONE,
                mib(idle),
                noCpu(owners))));
    for (Phase p : phases) {
      OutboxLag.Lag lag = p.lag();
      md.append(
          row(
              cells(
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
                  cpuCells(p.cpu()))));
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
      md.append(errorSamples(p.name(), p.result().errorSamples()));
    }
    return md.toString();
  }
}
