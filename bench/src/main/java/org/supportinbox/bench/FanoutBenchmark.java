package org.supportinbox.bench;

import static org.supportinbox.bench.Markdown.after;
import static org.supportinbox.bench.Options.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.supportinbox.contracts.events.MessageCreated;

/**
 * WebSocket fan-out benchmark of a running gateway (in front of a running messaging);
 * bench/fanout.sh starts both and calls this. Logs in as the admin, opens N operator sockets,
 * starts K customer conversations, then runs a fixed-rate phase (after a warm-up) and a closed-loop
 * phase of customer messages through the gateway. For every message it measures the request's
 * latency and when the last socket received its {@code message.created} frame; after each phase the
 * services' memory and who used the CPU. Prints the results as Markdown.
 *
 * <p>Options ({@code --name value}): {@code --url} (the gateway), {@code --origin} (one of its
 * {@code ALLOWED_ORIGINS}), {@code --gateway-pid}, {@code --messaging-pid}, {@code --jdbc-url} and
 * {@code --db-user} (messaging's database, for its outbox) and {@code --gateway-database} are
 * required; {@code --admin-user} (admin), {@code --sockets} (200), {@code --conversations} (100),
 * {@code --rate} msg/s (200), {@code --warmup} s of fixed rate before the fixed rate (60), {@code
 * --duration} s (30), {@code --concurrency} (32), {@code --delivery-timeout} s (10), {@code
 * --clk-tck} (100), {@code --report} (file to write the Markdown to). The admin's password comes
 * from the environment: {@code BENCH_ADMIN_PASSWORD}.
 */
public final class FanoutBenchmark {

  /** Targets of the issue; recorded against the figures, never asserted. */
  static final int TARGET_SOCKETS = 200;

  static final int TARGET_RATE = 200;
  static final double TARGET_DELIVERED_P99_MILLIS = 100;
  static final double TARGET_INGEST_PER_SECOND = 1_000;

  /** The services' names in the report's columns. */
  static final String GATEWAY = "gateway";

  static final String MESSAGING = "messaging";

  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);

  /**
   * After the last phase, messages that missed their phase's delivery timeout may still reach every
   * socket: the run waits until they all have, or until no frame came for {@link #QUIET} (then what
   * is missing is lost), at most {@link #DRAIN_LIMIT} (then it is late or lost).
   */
  static final Duration QUIET = Duration.ofSeconds(10);

  static final Duration DRAIN_LIMIT = Duration.ofSeconds(300);

  /** One measured phase with everything read after it. */
  record Phase(
      String name,
      String load,
      LoadResult result,
      Deliveries.Result deliveries,
      OutboxLag.Lag outbox,
      Map<String, ProcessProbe.Memory> memory,
      ProcessProbe.Cpu cpu) {}

  /** What the whole run saw besides the phases. */
  record Run(
      OperatorSockets.Seen sockets,
      int rate,
      Duration deliveryTimeout,
      Map<String, ProcessProbe.Memory> idle,
      List<String> owners,
      long unclaimed,
      Deliveries.Drain drain) {}

  private final ProcessProbe probe;
  private final Deliveries deliveries;
  private final OutboxLag outbox;
  private final Duration deliveryTimeout;

  private FanoutBenchmark(
      ProcessProbe probe, Deliveries deliveries, OutboxLag outbox, Duration deliveryTimeout) {
    this.probe = probe;
    this.deliveries = deliveries;
    this.outbox = outbox;
    this.deliveryTimeout = deliveryTimeout;
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    int sockets = o.integer("sockets", TARGET_SOCKETS);
    int conversations = o.integer("conversations", 100);
    int rate = o.integer("rate", TARGET_RATE);
    int warmup = o.integer("warmup", 60);
    int duration = o.integer("duration", 30);
    int concurrency = o.integer("concurrency", 32);
    Duration deliveryTimeout = Duration.ofSeconds(o.integer("delivery-timeout", 10));
    Options.positive(
        "sockets, conversations, rate, duration and concurrency",
        sockets,
        conversations,
        rate,
        duration,
        concurrency);
    if (warmup < 0) {
      throw new IllegalArgumentException("the warm-up must not be negative");
    }
    OutboxLag outbox = o.outbox();
    ProcessProbe probe =
        new ProcessProbe(
            services(o), Set.of(outbox.database(), o.required("gateway-database")), o.clockTicks());

    Deliveries deliveries = new Deliveries(sockets);
    FanoutBenchmark bench = new FanoutBenchmark(probe, deliveries, outbox, deliveryTimeout);
    // From 127.0.0.1 alone: the limits are raised, and these phases measure other paths.
    CustomerLoad customers = new CustomerLoad(o.required("url"), 1);
    log("opening " + sockets + " operator sockets");
    try (OperatorSockets operators =
        OperatorSockets.open(
            o, customers, sockets, Map.of(MessageCreated.TYPE, deliveries), SETUP_TIMEOUT)) {
      log("starting " + conversations + " customer conversations");
      Deliveries.Phase setup = deliveries.phase("setup");
      customers.startConversations(conversations, setup);
      log(summary(deliveries.await(setup, SETUP_TIMEOUT)));
      Map<String, ProcessProbe.Memory> idle = bench.memory();

      List<Phase> results = new ArrayList<>();
      String fixed = rate + " msg/s scheduled, " + duration + " s" + after(warmup);
      log("fixed rate: " + fixed);
      if (warmup > 0) {
        Deliveries.Phase p = deliveries.phase("warm-up");
        log(customers.fixedRate(p, "warm-up", rate, Duration.ofSeconds(warmup)).summary());
        log(summary(deliveries.await(p, deliveryTimeout)));
      }
      Deliveries.Phase a = deliveries.phase("fixed rate");
      results.add(
          bench.measured(
              "fixed rate",
              fixed,
              a,
              () -> customers.fixedRate(a, "fixed rate", rate, Duration.ofSeconds(duration))));

      String closed = concurrency + " workers, " + duration + " s";
      log("closed loop: " + closed);
      Deliveries.Phase b = deliveries.phase("closed loop");
      results.add(
          bench.measured(
              "closed loop",
              closed,
              b,
              () ->
                  customers.closedLoop(
                      b, "closed loop", concurrency, Duration.ofSeconds(duration))));

      Deliveries.Drain drain = deliveries.awaitAll(QUIET, DRAIN_LIMIT);
      log(
          "  after the last phase: "
              + drain.missing()
              + " messages still missing a socket after "
              + drain.took().toSeconds()
              + " s");
      Run run =
          new Run(
              operators.seen(),
              rate,
              deliveryTimeout,
              idle,
              probe.owners(),
              deliveries.unclaimed(),
              drain);
      o.writeReport(
          FanoutReport.markdown(run, results), results.stream().map(Phase::result).toList());
    }
  }

  /** The gateway's and messaging's pids ({@code --gateway-pid}, {@code --messaging-pid}). */
  static Map<String, Long> services(Options o) {
    Map<String, Long> services = new LinkedHashMap<>();
    services.put(GATEWAY, o.pid("gateway-pid"));
    services.put(MESSAGING, o.pid("messaging-pid"));
    return services;
  }

  /**
   * Runs a phase's load ({@code messages} are its messages) and measures the CPU meanwhile; then
   * waits for its messages to reach every socket, reads messaging's outbox lag (stored to
   * published) for the phase and the services' memory.
   */
  private Phase measured(
      String name, String load, Deliveries.Phase messages, ProcessProbe.Work<LoadResult> work)
      throws Exception {
    ProcessProbe.During<LoadResult> r = probe.during(work);
    log(r.value().summary());
    Deliveries.Result d = deliveries.await(messages, deliveryTimeout);
    log(summary(d));
    OutboxLag.Lag lag = outbox.after(r.value(), deliveryTimeout);
    return new Phase(name, load, r.value(), d, lag, memory(), r.cpu());
  }

  private Map<String, ProcessProbe.Memory> memory() {
    Map<String, ProcessProbe.Memory> m = new LinkedHashMap<>();
    probe.services().forEach(s -> m.put(s, probe.memory(s)));
    return m;
  }

  /** One line for the log: a phase's deliveries. */
  static String summary(Deliveries.Result d) {
    return String.format(
        Locale.ROOT,
        "  %s: %d messages, %d delivered to all sockets, %d not, p50 %.2f ms, p99 %.2f ms"
            + " from stored",
        d.label(),
        d.messages(),
        d.deliveredToAll(),
        d.undelivered(),
        d.fromCreatedMicros().getValueAtPercentile(50) / 1000.0,
        d.fromCreatedMicros().getValueAtPercentile(99) / 1000.0);
  }
}
