package org.supportinbox.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Table cells of the benchmark reports, formatted the same way in every report. */
final class Markdown {

  /** An empty cell: nothing measured there. */
  static final String NONE = "–";

  private Markdown() {}

  static String row(String... cells) {
    return row(List.of(cells));
  }

  static String row(List<String> cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }

  /** Cells in order, for rows whose cells come partly from lists. */
  static List<String> cells(Object... parts) {
    List<String> out = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof List<?> list) {
        list.forEach(c -> out.add(String.valueOf(c)));
      } else {
        out.add(String.valueOf(part));
      }
    }
    return out;
  }

  /** The header of {@link #requestCells}. */
  static final List<String> REQUEST_COLUMNS =
      List.of("phase", "load", "requests", "errors", "throughput (/s)");

  /** The header of {@link #percentiles}, named {@code what}. */
  static List<String> percentileColumns(String what) {
    return List.of(what + " p50 (ms)", "p90", "p99", "max");
  }

  /** The table of the requests through the gateway (a fan-out's or AI run's), with its header. */
  static final String GATEWAY_REQUESTS =
      table(
          "Requests through the gateway", 2, cells(REQUEST_COLUMNS, percentileColumns("latency")));

  /** A row of {@link #GATEWAY_REQUESTS}. */
  static String requestRow(String phase, String load, LoadResult r) {
    return row(cells(requestCells(phase, load, r), percentiles(r.latencyMicros())));
  }

  /** A load phase's first cells: name, load, requests, errors, throughput (201s per second). */
  static List<String> requestCells(String phase, String load, LoadResult r) {
    return List.of(
        phase, load, Long.toString(r.requests()), Long.toString(r.errors()), f0(r.throughput()));
  }

  /** p50, p90, p99 and max of a histogram of microseconds, in milliseconds. */
  static List<String> percentiles(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return Collections.nCopies(4, NONE);
    }
    return List.of(
        ms(micros.getValueAtPercentile(50)),
        ms(micros.getValueAtPercentile(90)),
        ms(micros.getValueAtPercentile(99)),
        ms(micros.getMaxValue()));
  }

  /** The header cells of the CPU columns: the whole machine, each owner, the rest. */
  static List<String> cpuHeader(List<String> owners) {
    return cells("CPU busy (cores): all", owners, "other");
  }

  static List<String> cpuCells(ProcessProbe.Cpu cpu) {
    List<String> out = new ArrayList<>();
    out.add(f2(cpu.machine()));
    cpu.byOwner().values().forEach(v -> out.add(f2(v)));
    out.add(f2(cpu.other()));
    return out;
  }

  /** Empty CPU cells, for a row that was not measured over a window. */
  static List<String> noCpu(List<String> owners) {
    return Collections.nCopies(owners.size() + 2, NONE);
  }

  /**
   * A table's heading line and its header: the first {@code left} columns left-aligned, the rest
   * right-aligned (numbers).
   */
  static String table(String heading, int left, List<String> columns) {
    List<String> alignment = new ArrayList<>(Collections.nCopies(left, "---"));
    alignment.addAll(Collections.nCopies(columns.size() - left, "---:"));
    return "### " + heading + "\n\n" + row(columns) + row(alignment);
  }

  /** The first errors of each phase that had any, as a list under a heading line. */
  static String errorSamples(String phase, List<String> samples) {
    if (samples.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("\nFirst errors of ").append(phase).append(":\n\n");
    samples.forEach(e -> md.append("- `").append(e).append("`\n"));
    return md.toString();
  }

  static String ms(long micros) {
    return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
  }

  static String mib(ProcessProbe.Memory m) {
    return String.format(Locale.ROOT, "%d / %d", m.rssKib() / 1024, m.peakKib() / 1024);
  }

  /** A figure with no, one or two decimals; {@link #NONE} where nothing was measured (NaN). */
  static String f0(double v) {
    return decimals(v, "%.0f");
  }

  static String f1(double v) {
    return decimals(v, "%.1f");
  }

  static String f2(double v) {
    return decimals(v, "%.2f");
  }

  static String decimals3(double v) {
    return decimals(v, "%.3f");
  }

  private static String decimals(double v, String format) {
    return Double.isNaN(v) ? NONE : String.format(Locale.ROOT, format, v);
  }

  /** A load's "after the warm-up" part, if there was one. */
  static String after(int warmup) {
    return warmup > 0 ? " after " + warmup + " s warm-up" : "";
  }
}
