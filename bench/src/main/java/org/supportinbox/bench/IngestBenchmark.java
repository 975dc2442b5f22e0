package org.supportinbox.bench;

import static org.supportinbox.bench.Markdown.after;
import static org.supportinbox.bench.Options.log;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.supportinbox.testing.Tokens;

/**
 * Ingest benchmark of a running messaging service; bench/ingest.sh starts the service and calls
 * this. Runs a closed-loop phase and a fixed-rate phase (each after its own warm-up), measures
 * after each the outbox lag, the Payara process's memory and who used the CPU, and prints the
 * results as Markdown.
 *
 * <p>Options ({@code --name value}): {@code --url}, {@code --payara-pid}, {@code --jdbc-url} and
 * {@code --db-user} are required; {@code --concurrency} (16), {@code --duration} s (30), {@code
 * --warmup} s before the closed loop (90: long enough for the JIT compilers to finish with Payara,
 * Weld, Jersey and Hibernate on two cores), {@code --rate-warmup} s before the fixed rate (10),
 * {@code --rate} msg/s (300), {@code --conversations} (1000), {@code --phases} (closed,fixed),
 * {@code --drain-timeout} s (120), {@code --clk-tck} (100), {@code --pgbench} (a properties file of
 * the PostgreSQL-alone figures to show in the table), {@code --report} (file to write the Markdown
 * to). Secrets come from the environment: {@code JWT_SECRET} (the service's) and {@code
 * POSTGRES_PASSWORD}.
 */
public final class IngestBenchmark {

  /** Targets of the issue; recorded against the figures, never asserted. */
  static final double TARGET_STORED_PUBLISHED_PER_SECOND = 1_500;

  static final int TARGET_RATE = 300;
  static final double TARGET_P99_MILLIS = 30;

  /** Payara's name in the report's columns. */
  static final String PAYARA = "Payara";

  private IngestBenchmark() {}

  /** One measured phase with everything read after it. */
  record Phase(
      String name,
      String load,
      LoadResult result,
      OutboxLag.Lag lag,
      ProcessProbe.Memory memory,
      ProcessProbe.Cpu cpu) {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    URI url = URI.create(o.required("url"));
    int concurrency = o.integer("concurrency", 16);
    int duration = o.integer("duration", 30);
    int warmup = o.integer("warmup", 90);
    int rateWarmup = o.integer("rate-warmup", 10);
    int rate = o.integer("rate", 300);
    int conversations = o.integer("conversations", 1000);
    List<String> phases = o.list("phases", "closed,fixed");
    Duration drainTimeout = Duration.ofSeconds(o.integer("drain-timeout", 120));
    if (concurrency < 1
        || duration < 1
        || warmup < 0
        || rateWarmup < 0
        || rate < 1
        || conversations < 1) {
      throw new IllegalArgumentException(
          "concurrency, duration, rate and conversations must be positive, warm-ups not negative");
    }

    String secret = System.getenv("JWT_SECRET");
    if (secret == null || secret.isEmpty()) {
      throw new IllegalStateException("JWT_SECRET (the service's) is not set");
    }
    // Valid for the whole run with room to spare; the service accepts at most 24 h.
    Duration ttl =
        Duration.ofSeconds(Math.min(23 * 3600, 2L * (warmup + rateWarmup + 2L * duration) + 3600));
    String token =
        Tokens.sign(secret, Tokens.ISSUER, "bench", Set.of("service"), Instant.now(), ttl);
    String runId = UUID.randomUUID().toString().substring(0, 8);

    IngestLoad load = new IngestLoad(url, token, conversations, runId);
    OutboxLag outbox = o.outbox();
    ProcessProbe probe =
        new ProcessProbe(
            Map.of(PAYARA, o.pid("payara-pid")), Set.of(outbox.database()), o.clockTicks());

    ProcessProbe.Memory idle = probe.memory(PAYARA);
    List<Phase> results = new ArrayList<>();
    for (String phase : phases) {
      switch (phase) {
        case "closed" -> {
          String what = concurrency + " workers, " + duration + " s" + after(warmup);
          log("closed loop: " + what);
          if (warmup > 0) {
            log(load.closedLoop("warm-up", concurrency, Duration.ofSeconds(warmup)).summary());
          }
          var r =
              probe.during(
                  () -> load.closedLoop("closed loop", concurrency, Duration.ofSeconds(duration)));
          results.add(measured("closed loop", what, r, probe, outbox, drainTimeout));
        }
        case "fixed" -> {
          String what = rate + " msg/s scheduled, " + duration + " s" + after(rateWarmup);
          log("fixed rate: " + what);
          if (rateWarmup > 0) {
            log(load.fixedRate("warm-up", rate, Duration.ofSeconds(rateWarmup)).summary());
          }
          var r =
              probe.during(() -> load.fixedRate("fixed rate", rate, Duration.ofSeconds(duration)));
          results.add(measured("fixed rate", what, r, probe, outbox, drainTimeout));
        }
        default -> throw new IllegalArgumentException("unknown phase " + phase + "; closed, fixed");
      }
    }

    Properties pgbench = o.properties("pgbench");
    o.writeReport(
        IngestReport.markdown(pgbench, idle, results, probe.owners(), rate),
        results.stream().map(Phase::result).toList());
  }

  /** A phase's load and CPU, completed with the outbox lag and Payara's memory after it. */
  private static Phase measured(
      String name,
      String what,
      ProcessProbe.During<LoadResult> load,
      ProcessProbe probe,
      OutboxLag outbox,
      Duration drainTimeout)
      throws Exception {
    LoadResult r = load.value();
    log(r.summary());
    OutboxLag.Lag lag = outbox.after(r, drainTimeout);
    log(
        String.format(
            java.util.Locale.ROOT,
            "  outbox: %d rows, lag p50 %.1f ms p99 %.1f ms, backlog zero %d ms after the end",
            lag.rows(),
            lag.p50Millis(),
            lag.p99Millis(),
            lag.drainedAfterMillis()));
    return new Phase(name, what, r, lag, probe.memory(PAYARA), load.cpu());
  }
}
