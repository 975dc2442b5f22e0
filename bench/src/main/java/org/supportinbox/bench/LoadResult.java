package org.supportinbox.bench;

import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What one load phase did: its wall-clock window (for the outbox query), how many requests
 * completed, how many of them were not a 201, and the latency of the 201s in microseconds.
 */
record LoadResult(
    String label,
    Instant start,
    Instant end,
    long elapsedNanos,
    long requests,
    long errors,
    Histogram latencyMicros,
    List<String> errorSamples) {

  double seconds() {
    return elapsedNanos / 1e9;
  }

  /** Answered with 201 per second over the phase. */
  double throughput() {
    return (requests - errors) / seconds();
  }

  /** One line for the log: counts, rate, median and p99, then the first errors, one a line. */
  String summary() {
    StringBuilder s =
        new StringBuilder(
            String.format(
                java.util.Locale.ROOT,
                "  %s: %d requests, %d errors, %.0f/s, p50 %.2f ms, p99 %.2f ms",
                label,
                requests,
                errors,
                throughput(),
                latencyMicros.getValueAtPercentile(50) / 1000.0,
                latencyMicros.getValueAtPercentile(99) / 1000.0));
    errorSamples.forEach(e -> s.append("\n    error: ").append(e));
    return s.toString();
  }
}
