package org.supportinbox.bench;

import static org.supportinbox.bench.Markdown.cells;
import static org.supportinbox.bench.Markdown.cpuCells;
import static org.supportinbox.bench.Markdown.cpuHeader;
import static org.supportinbox.bench.Markdown.errorSamples;
import static org.supportinbox.bench.Markdown.f1;
import static org.supportinbox.bench.Markdown.mib;
import static org.supportinbox.bench.Markdown.noCpu;
import static org.supportinbox.bench.Markdown.percentileColumns;
import static org.supportinbox.bench.Markdown.percentiles;
import static org.supportinbox.bench.Markdown.row;
import static org.supportinbox.bench.Markdown.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.supportinbox.bench.FanoutBenchmark.Phase;
import org.supportinbox.bench.FanoutBenchmark.Run;

/** The fan-out results as Markdown tables, the form docs/performance.md quotes. */
final class FanoutReport {

  private FanoutReport() {}

  static String markdown(Run run, List<Phase> phases) {
    StringBuilder md = new StringBuilder();
    md.append(Markdown.GATEWAY_REQUESTS);
    for (Phase p : phases) {
      md.append(Markdown.requestRow(p.name(), p.load(), p.result()));
    }

    md.append('\n')
        .append(
            table(
                "Delivered to all " + run.sockets().opened() + " operator sockets",
                1,
                cells(
                    "phase",
                    "messages (201)",
                    "delivered to all",
                    String.format(
                        Locale.ROOT, "undelivered %d s after", run.deliveryTimeout().toSeconds()),
                    "frames received",
                    "stored → published p50 (ms)",
                    "p99",
                    percentileColumns("stored → all"),
                    percentileColumns("request → all"))));
    for (Phase p : phases) {
      Deliveries.Result d = p.deliveries();
      md.append(
          row(
              cells(
                  p.name(),
                  d.messages(),
                  d.deliveredToAll(),
                  d.undelivered(),
                  d.frames() + " of " + d.messages() * run.sockets().opened(),
                  f1(p.outbox().p50Millis()),
                  f1(p.outbox().p99Millis()),
                  percentiles(d.fromCreatedMicros()),
                  percentiles(d.fromStartMicros()))));
    }

    List<String> services = new ArrayList<>(run.idle().keySet());
    List<String> memoryHeader = new ArrayList<>();
    services.forEach(s -> memoryHeader.add(s + " RSS / peak (MiB)"));
    md.append('\n')
        .append(table("Resources", 1, cells("phase", memoryHeader, cpuHeader(run.owners()))));
    md.append(row(cells("idle, after set-up", memory(run.idle()), noCpu(run.owners()))));
    for (Phase p : phases) {
      md.append(row(cells(p.name(), memory(p.memory()), cpuCells(p.cpu()))));
    }

    md.append("\n### Sockets\n\n")
        .append(run.sockets().openedLine())
        .append("- ")
        .append(drain(run.drain()))
        .append('\n')
        .append("- frames received over the whole run, by type: ")
        .append(run.sockets().byType())
        .append('\n');
    if (run.unclaimed() > 0) {
      md.append(
          String.format(
              Locale.ROOT,
              "- %d messages reached sockets although their request got no 201\n",
              run.unclaimed()));
    }

    md.append("\n### Targets (recorded, not asserted)\n\n");
    phases.stream()
        .filter(p -> p.name().equals("fixed rate"))
        .findFirst()
        .ifPresent(p -> md.append(deliveryTarget(run, p)));
    phases.stream()
        .filter(p -> p.name().equals("closed loop"))
        .findFirst()
        .ifPresent(
            p -> {
              double v = p.result().throughput();
              md.append(
                  String.format(
                      Locale.ROOT,
                      "- >= %,.0f msg/s ingest through the gateway (closed loop): %s, measured"
                          + " %,.0f msg/s with %d errors\n",
                      FanoutBenchmark.TARGET_INGEST_PER_SECOND,
                      v >= FanoutBenchmark.TARGET_INGEST_PER_SECOND ? "met" : "NOT met",
                      v,
                      p.result().errors()));
            });
    for (Phase p : phases) {
      md.append(errorSamples(p.name(), p.result().errorSamples()));
    }
    return md.toString();
  }

  private static String deliveryTarget(Run run, Phase p) {
    Deliveries.Result d = p.deliveries();
    double p99 =
        d.fromCreatedMicros().getTotalCount() == 0
            ? Double.NaN
            : d.fromCreatedMicros().getValueAtPercentile(99) / 1000.0;
    String verdict;
    if (run.rate() != FanoutBenchmark.TARGET_RATE
        || run.sockets().opened() != FanoutBenchmark.TARGET_SOCKETS) {
      verdict =
          "not measured (this run: "
              + run.rate()
              + " msg/s, "
              + run.sockets().opened()
              + " sockets)";
    } else {
      boolean met =
          p99 <= FanoutBenchmark.TARGET_DELIVERED_P99_MILLIS
              && d.undelivered() == 0
              && p.result().errors() == 0;
      verdict = met ? "met" : "NOT met";
    }
    return String.format(
        Locale.ROOT,
        "- stored → delivered to all p99 <= %.0f ms at %d msg/s with %d sockets (fixed rate): %s,"
            + " measured p99 %.2f ms with %d undelivered and %d errors\n",
        FanoutBenchmark.TARGET_DELIVERED_P99_MILLIS,
        FanoutBenchmark.TARGET_RATE,
        FanoutBenchmark.TARGET_SOCKETS,
        verdict,
        p99,
        d.undelivered(),
        p.result().errors());
  }

  private static List<String> memory(Map<String, ProcessProbe.Memory> byService) {
    List<String> out = new ArrayList<>();
    byService.values().forEach(m -> out.add(mib(m)));
    return out;
  }

  /** What the wait after the last phase found, as a sentence. */
  static String drain(Deliveries.Drain d) {
    long seconds = d.took().toSeconds();
    if (d.missing() == 0) {
      return String.format(
          Locale.ROOT,
          "after the last phase every message had reached every socket within %d s"
              + " (the backlog drained; nothing lost)",
          seconds);
    }
    return String.format(
        Locale.ROOT,
        d.quiet()
            ? "lost: %d messages never reached every socket (no frame came for %d s, %d s after"
                + " the last phase)"
            : "late or lost: %d messages had not reached every socket when the wait ended (%d s"
                + " limit reached, %d s after the last phase)",
        d.missing(),
        d.quiet() ? FanoutBenchmark.QUIET.toSeconds() : FanoutBenchmark.DRAIN_LIMIT.toSeconds(),
        seconds);
  }
}
