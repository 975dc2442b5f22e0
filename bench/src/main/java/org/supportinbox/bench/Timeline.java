package org.supportinbox.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Latencies over time: for each named series, one histogram per second since the timeline began, so
 * the chart of a run shows when it got slow, not only how slow it got overall. Fed from the threads
 * that see the answers and frames; one lock, since a few thousand values a second is nothing beside
 * what those threads already do.
 */
final class Timeline {

  /** One second of one series: its offset from the start, count, p50 and p99 in milliseconds. */
  record Point(long second, long count, double p50Millis, double p99Millis) {}

  private final long startNanos;
  private final Map<String, TreeMap<Long, Histogram>> series = new LinkedHashMap<>();

  /** A timeline whose second 0 begins at {@code startNanos} ({@link System#nanoTime()}). */
  Timeline(long startNanos) {
    this.startNanos = startNanos;
  }

  /** A series, so that it shows (empty) even if nothing is recorded in it. */
  synchronized void declare(String name) {
    series.computeIfAbsent(name, n -> new TreeMap<>());
  }

  /** {@code micros} of series {@code name}, seen at {@code atNanos}; before the start: ignored. */
  synchronized void record(String name, long atNanos, long micros) {
    long offset = atNanos - startNanos;
    if (offset < 0) {
      return;
    }
    series
        .computeIfAbsent(name, n -> new TreeMap<>())
        .computeIfAbsent(
            offset / 1_000_000_000L, s -> new Histogram(HttpLoad.MAX_LATENCY_MICROS, 2))
        .recordValue(Math.min(HttpLoad.MAX_LATENCY_MICROS, Math.max(0, micros)));
  }

  /** Every series with its seconds in order (seconds without a value are left out). */
  synchronized Map<String, List<Point>> points() {
    Map<String, List<Point>> out = new LinkedHashMap<>();
    series.forEach(
        (name, seconds) -> {
          List<Point> points = new ArrayList<>();
          seconds.forEach(
              (second, h) ->
                  points.add(
                      new Point(
                          second,
                          h.getTotalCount(),
                          h.getValueAtPercentile(50) / 1000.0,
                          h.getValueAtPercentile(99) / 1000.0)));
          out.put(name, List.copyOf(points));
        });
    return out;
  }
}
