package org.supportinbox.bench;

import static org.supportinbox.bench.Markdown.NONE;
import static org.supportinbox.bench.Markdown.cells;
import static org.supportinbox.bench.Markdown.cpuCells;
import static org.supportinbox.bench.Markdown.cpuHeader;
import static org.supportinbox.bench.Markdown.errorSamples;
import static org.supportinbox.bench.Markdown.f2;
import static org.supportinbox.bench.Markdown.mib;
import static org.supportinbox.bench.Markdown.percentileColumns;
import static org.supportinbox.bench.Markdown.percentiles;
import static org.supportinbox.bench.Markdown.row;
import static org.supportinbox.bench.Markdown.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.supportinbox.bench.AiBenchmark.Burst;
import org.supportinbox.bench.AiBenchmark.Latency;
import org.supportinbox.bench.AiBenchmark.Run;

/** The AI functions' results as Markdown tables, the form docs/performance.md quotes. */
final class AiReport {

  private static final double MIB = 1024 * 1024;

  private AiReport() {}

  static String markdown(Run run, Latency latency, List<Burst> bursts) {
    StringBuilder md = new StringBuilder();
    md.append(Markdown.GATEWAY_REQUESTS);
    md.append(Markdown.requestRow("latency", latency.load(), latency.result()));
    for (Burst b : bursts) {
      md.append(Markdown.requestRow(b.result().label(), burstLoad(run), b.result()));
    }

    md.append('\n').append(latencyTable(run, latency));
    md.append('\n').append(throughputTable(run, bursts));
    md.append('\n').append(memoryTable(latency, bursts));

    md.append('\n')
        .append(table("CPU over each phase", 1, cells("phase", cpuHeader(run.owners()))));
    md.append(row(cells("latency (sending)", cpuCells(latency.cpu()))));
    for (Burst b : bursts) {
      md.append(row(cells(b.result().label() + " (burst and insights)", cpuCells(b.cpu()))));
    }

    md.append("\n### Sockets\n\n")
        .append(run.sockets().openedLine())
        .append("- `ai.completed`: ")
        .append(FanoutReport.drain(run.completedDrain()))
        .append("\n- `message.created`: ")
        .append(FanoutReport.drain(run.createdDrain()))
        .append("\n- frames received over the whole run, by type: ")
        .append(run.sockets().byType())
        .append('\n');
    if (run.unclaimed() > 0) {
      md.append(
          String.format(
              Locale.ROOT,
              "- %d frames were for messages whose request got no 201, or came again for a"
                  + " message already counted (an insight published twice)\n",
              run.unclaimed()));
    }

    md.append("\n### Targets (recorded, not asserted)\n\n").append(targets(run, latency, bursts));
    md.append(errorSamples("latency", latency.result().errorSamples()));
    for (Burst b : bursts) {
      md.append(errorSamples(b.result().label(), b.result().errorSamples()));
    }
    return md.toString();
  }

  private static String burstLoad(Run run) {
    return run.burst() + " msg at " + AiBenchmark.BURST_RATE + " msg/s";
  }

  /** Stored to each stage: the database's stages next to what reached the sockets. */
  private static String latencyTable(Run run, Latency l) {
    StringBuilder md =
        new StringBuilder(
            table(
                "Latency: one replica, model double at 0 ms",
                1,
                List.of(
                    "from stored (`created_at`) to",
                    "messages",
                    "reached",
                    "p50 (ms)",
                    "p90",
                    "p99",
                    "max")));
    OutboxLag.Lag o = l.outbox();
    md.append(
        row(
            cells(
                "`message.created` published (outbox `published_at`)",
                o.rows(),
                o.rows() - o.unpublished(),
                f2(o.p50Millis()),
                f2(o.p90Millis()),
                f2(o.p99Millis()),
                f2(o.maxMillis()))));
    md.append(delivered("`message.created`", run, l.created()));
    OutboxLag.Insights i = l.insights();
    md.append(
        row(
            cells(
                "insight stored (`ai_insights.updated_at`)",
                i.messages(),
                i.terminal(),
                f2(i.storedP50Millis()),
                f2(i.storedP90Millis()),
                f2(i.storedP99Millis()),
                f2(i.storedMaxMillis()))));
    md.append(delivered("`ai.completed`", run, l.completed()));
    md.append(
        String.format(
            Locale.ROOT,
            "\nTime in the model (`latency_ms` of the insights, as the function measured it): p50"
                + " %.0f ms, max %.0f ms; %d of %d insights `unavailable`.\n",
            i.modelP50Millis(),
            i.modelMaxMillis(),
            i.unavailable(),
            i.terminal()));
    return md.toString();
  }

  private static String delivered(String frame, Run run, Deliveries.Result d) {
    String where =
        run.sockets().opened() == 1
            ? "the operator socket"
            : "all " + run.sockets().opened() + " operator sockets";
    return row(
        cells(
            frame + " on " + where,
            d.messages(),
            d.deliveredToAll(),
            percentiles(d.fromCreatedMicros())));
  }

  private static String throughputTable(Run run, List<Burst> bursts) {
    StringBuilder md =
        new StringBuilder(
            table(
                String.format(
                    Locale.ROOT,
                    "Throughput: model double at %d ms, a burst of %d messages",
                    run.modelLatencyMillis(),
                    run.burst()),
                1,
                cells(
                    "replicas",
                    "messages (201)",
                    "`ai.completed` received",
                    "first request → last `ai.completed` (s)",
                    "insights/s",
                    "× 1 replica",
                    "first → last `ai.completed`: insights/s",
                    "× 1 replica",
                    percentileColumns("stored → `ai.completed`"))));
    Burst one = bursts.isEmpty() ? null : bursts.get(0);
    for (Burst b : bursts) {
      Deliveries.Result c = b.completed();
      md.append(
          row(
              cells(
                  b.replicas(),
                  c.messages(),
                  c.deliveredToAll(),
                  f2(c.firstStartToLastNanos() / 1e9),
                  f2(b.perSecond()),
                  ratio(b.perSecond(), one.perSecond()),
                  f2(b.steadyPerSecond()),
                  ratio(b.steadyPerSecond(), one.steadyPerSecond()),
                  percentiles(c.fromCreatedMicros()))));
    }
    return md.toString();
  }

  private static String memoryTable(Latency latency, List<Burst> bursts) {
    int most = Math.max(1, bursts.stream().mapToInt(Burst::replicas).max().orElse(1));
    List<String> columns = new ArrayList<>(List.of("after"));
    for (int i = 1; i <= most; i++) {
      columns.add("replica " + i + " RSS / peak (MiB)");
    }
    StringBuilder md = new StringBuilder(table("Memory of the replicas", 1, columns));
    md.append(row(memoryCells("the latency phase", List.of(latency.replica()), most)));
    for (Burst b : bursts) {
      md.append(row(memoryCells("the burst, " + b.result().label(), b.memory(), most)));
    }
    return md.toString();
  }

  private static List<String> memoryCells(String when, List<ProcessProbe.Memory> m, int columns) {
    List<String> out = new ArrayList<>(List.of(when));
    for (int i = 0; i < columns; i++) {
      out.add(i < m.size() ? mib(m.get(i)) : NONE);
    }
    return out;
  }

  private static String targets(Run run, Latency l, List<Burst> bursts) {
    StringBuilder md = new StringBuilder();
    Deliveries.Result c = l.completed();
    boolean all = c.undelivered() == 0 && l.result().errors() == 0;
    double p50 = millisAt(c, 50);
    double p99 = millisAt(c, 99);
    md.append(
        String.format(
            Locale.ROOT,
            "- stored → `ai.completed` on the socket p50 <= %.0f ms (model at 0 ms): %s, measured"
                + " p50 %.2f ms\n",
            AiBenchmark.TARGET_COMPLETED_P50_MILLIS,
            all && p50 <= AiBenchmark.TARGET_COMPLETED_P50_MILLIS ? "met" : "NOT met",
            p50));
    md.append(
        String.format(
            Locale.ROOT,
            "- stored → `ai.completed` on the socket p99 <= %.0f ms (model at 0 ms): %s, measured"
                + " p99 %.2f ms (%d of %d arrived, %d errors)\n",
            AiBenchmark.TARGET_COMPLETED_P99_MILLIS,
            all && p99 <= AiBenchmark.TARGET_COMPLETED_P99_MILLIS ? "met" : "NOT met",
            p99,
            c.deliveredToAll(),
            c.messages(),
            l.result().errors()));
    Burst one = bursts.isEmpty() ? null : bursts.get(0);
    for (Map.Entry<Integer, Double> t :
        new java.util.TreeMap<>(AiBenchmark.TARGET_SCALE).entrySet()) {
      Burst b = bursts.stream().filter(x -> x.replicas() == t.getKey()).findFirst().orElse(null);
      String verdict;
      String measured = "";
      if (b == null || one == null) {
        verdict = "not measured (this run stopped at fewer replicas)";
      } else {
        double ratio = b.perSecond() / one.perSecond();
        measured =
            String.format(
                Locale.ROOT,
                ", measured %.2f × (%.2f vs %.2f insights/s)",
                ratio,
                b.perSecond(),
                one.perSecond());
        verdict =
            run.modelLatencyMillis() != AiBenchmark.TARGET_MODEL_LATENCY_MILLIS
                ? "not measured (this run: model at " + run.modelLatencyMillis() + " ms)"
                : ratio >= t.getValue() && complete(b) && complete(one) ? "met" : "NOT met";
      }
      md.append(
          String.format(
              Locale.ROOT,
              "- %d replicas >= %.1f × the throughput of one (model at %d ms): %s%s\n",
              t.getKey(),
              t.getValue(),
              AiBenchmark.TARGET_MODEL_LATENCY_MILLIS,
              verdict,
              measured));
    }
    long highestPeak = l.replica().peakKib();
    for (Burst b : bursts) {
      for (ProcessProbe.Memory m : b.memory()) {
        highestPeak = Math.max(highestPeak, m.peakKib());
      }
    }
    long limitKib = AiBenchmark.TARGET_REPLICA_RSS_BYTES / 1024;
    md.append(
        String.format(
            Locale.ROOT,
            "- RSS of one replica <= 200 MB (%.1f MiB): %s, measured VmRSS %.1f MiB after the"
                + " latency phase; the highest VmHWM (peak) of any replica in the run %.1f MiB\n",
            AiBenchmark.TARGET_REPLICA_RSS_BYTES / MIB,
            l.replica().rssKib() <= limitKib && highestPeak <= limitKib ? "met" : "NOT met",
            l.replica().rssKib() / 1024.0,
            highestPeak / 1024.0));
    return md.toString();
  }

  private static boolean complete(Burst b) {
    return b.completed().undelivered() == 0 && b.result().errors() == 0;
  }

  private static double millisAt(Deliveries.Result d, double percentile) {
    return d.fromCreatedMicros().getTotalCount() == 0
        ? Double.NaN
        : d.fromCreatedMicros().getValueAtPercentile(percentile) / 1000.0;
  }

  private static String ratio(double value, double base) {
    return base == 0 ? NONE : String.format(Locale.ROOT, "%.2f", value / base);
  }
}
