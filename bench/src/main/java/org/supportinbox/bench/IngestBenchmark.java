package org.supportinbox.bench;

import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
    Map<String, String> o = options(args);
    URI url = URI.create(required(o, "url"));
    int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "16"));
    int duration = Integer.parseInt(o.getOrDefault("duration", "30"));
    int warmup = Integer.parseInt(o.getOrDefault("warmup", "90"));
    int rateWarmup = Integer.parseInt(o.getOrDefault("rate-warmup", "10"));
    int rate = Integer.parseInt(o.getOrDefault("rate", "300"));
    int conversations = Integer.parseInt(o.getOrDefault("conversations", "1000"));
    List<String> phases = List.of(o.getOrDefault("phases", "closed,fixed").split(","));
    Duration drainTimeout =
        Duration.ofSeconds(Long.parseLong(o.getOrDefault("drain-timeout", "120")));
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
    OutboxLag outbox =
        new OutboxLag(
            required(o, "jdbc-url"),
            required(o, "db-user"),
            System.getenv().getOrDefault("POSTGRES_PASSWORD", ""));
    ProcessProbe probe =
        new ProcessProbe(
            Long.parseLong(required(o, "payara-pid")),
            databaseOf(required(o, "jdbc-url")),
            Integer.parseInt(o.getOrDefault("clk-tck", "100")));

    ProcessProbe.Memory idle = probe.payaraMemory();
    List<Phase> results = new ArrayList<>();
    for (String phase : phases) {
      switch (phase.strip()) {
        case "closed" -> {
          String what = concurrency + " workers, " + duration + " s" + after(warmup);
          log("closed loop: " + what);
          if (warmup > 0) {
            report(load.closedLoop("warm-up", concurrency, Duration.ofSeconds(warmup)));
          }
          ProcessProbe.Ticks before = probe.ticks();
          LoadResult r = load.closedLoop("closed loop", concurrency, Duration.ofSeconds(duration));
          results.add(measured("closed loop", what, r, probe, before, outbox, drainTimeout));
        }
        case "fixed" -> {
          String what = rate + " msg/s scheduled, " + duration + " s" + after(rateWarmup);
          log("fixed rate: " + what);
          if (rateWarmup > 0) {
            report(load.fixedRate("warm-up", rate, Duration.ofSeconds(rateWarmup)));
          }
          ProcessProbe.Ticks before = probe.ticks();
          LoadResult r = load.fixedRate("fixed rate", rate, Duration.ofSeconds(duration));
          results.add(measured("fixed rate", what, r, probe, before, outbox, drainTimeout));
        }
        default -> throw new IllegalArgumentException("unknown phase " + phase + "; closed, fixed");
      }
    }

    Properties pgbench = new Properties();
    if (o.containsKey("pgbench")) {
      try (Reader in = Files.newBufferedReader(Path.of(o.get("pgbench")))) {
        pgbench.load(in);
      }
    }
    String markdown = Report.markdown(pgbench, idle, results, rate);
    System.out.print(markdown);
    if (o.containsKey("report")) {
      Files.writeString(Path.of(o.get("report")), markdown);
    }
    if (results.stream().anyMatch(p -> p.result().requests() == p.result().errors())) {
      log("a phase had no successful request: see the errors above");
      System.exit(1);
    }
  }

  private static Phase measured(
      String name,
      String what,
      LoadResult r,
      ProcessProbe probe,
      ProcessProbe.Ticks before,
      OutboxLag outbox,
      Duration drainTimeout)
      throws Exception {
    ProcessProbe.Cpu cpu = probe.between(before, probe.ticks());
    report(r);
    OutboxLag.Lag lag = outbox.after(r, drainTimeout);
    log(
        String.format(
            java.util.Locale.ROOT,
            "  outbox: %d rows, lag p50 %.1f ms p99 %.1f ms, backlog zero %d ms after the end",
            lag.rows(),
            lag.p50Millis(),
            lag.p99Millis(),
            lag.drainedAfterMillis()));
    return new Phase(name, what, r, lag, probe.payaraMemory(), cpu);
  }

  private static String after(int warmup) {
    return warmup > 0 ? " after " + warmup + " s warm-up" : "";
  }

  private static void report(LoadResult r) {
    log(
        String.format(
            java.util.Locale.ROOT,
            "  %s: %d requests, %d errors, %.0f/s, p50 %.2f ms, p99 %.2f ms",
            r.label(),
            r.requests(),
            r.errors(),
            r.throughput(),
            r.latencyMicros().getValueAtPercentile(50) / 1000.0,
            r.latencyMicros().getValueAtPercentile(99) / 1000.0));
    r.errorSamples().forEach(e -> log("    error: " + e));
  }

  private static void log(String line) {
    System.err.println(line);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      o.put(args[i].substring(2), args[i + 1]);
    }
    return o;
  }

  /** {@code jdbc:postgresql://host:port/NAME?...} to NAME. */
  private static String databaseOf(String jdbcUrl) {
    String path = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static String required(Map<String, String> o, String name) {
    String v = o.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }
}
