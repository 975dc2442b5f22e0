package org.supportinbox.bench;

import static org.supportinbox.bench.Options.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.supportinbox.contracts.events.AiCompleted;
import org.supportinbox.contracts.events.MessageCreated;

/**
 * The whole-system benchmark ({@code ./inbox bench}): one run on one stack, which bench/system.sh
 * starts (messaging and the gateway on Payara Micro, PostgreSQL, RabbitMQ) and extends when asked
 * ({@link ReplicaControl}: analyze replicas against Ollama doubles). In this order:
 *
 * <ol>
 *   <li>raw limits: pgbench's two-insert transaction (run by the script before this, read from
 *       {@code --pgbench}) and RabbitMQ's publish-with-confirm rate ({@link RabbitConfirmRate}) in
 *       a vhost of its own ({@code --raw-vhost});
 *   <li>set-up: log in as the admin, N operator sockets, M customer conversations;
 *   <li>ingest, closed loop: C customers' workers send back to back (after a warm-up), the N
 *       sockets receiving every message;
 *   <li>headline, fixed rate: R msg/s through the customer API (after a warm-up), send → 201 and
 *       stored → delivered to all N sockets, per second as well ({@link Timeline}, charted);
 *   <li>AI overhead: one replica against a double answering after {@code --ollama-latency} ms;
 *       stored → {@code ai.completed} on all sockets, minus that latency;
 *   <li>AI throughput: 1, 2, 4 ... replicas against a double at {@code --model-latency} ms;
 *   <li>memory of every process after the ingest phases, after the AI overhead phase and after the
 *       largest burst.
 * </ol>
 *
 * <p>No analyze replica runs during the ingest phases: their messages have no consumer for the
 * analysis, which keeps a queue of thousands of model calls from spilling into the later phases.
 * Messaging keeps what no function has bound a queue for in its unrouted queue, as it would in
 * production. Each target is measured in its own phase.
 *
 * <p>Options ({@code --name value}), besides those of {@link AiBenchmark}'s set-up ({@code --url},
 * {@code --origin}, {@code --gateway-pid}, {@code --messaging-pid}, {@code --jdbc-url}, {@code
 * --db-user}, {@code --gateway-database}, {@code --admin-user}): {@code --customers} M, {@code
 * --operators} N, {@code --rate} R, {@code --duration} s, {@code --warmup} s, {@code --concurrency}
 * C, {@code --ai-rate}, {@code --ai-messages}, {@code --ollama-latency} ms, {@code --model-latency}
 * ms, {@code --burst}, {@code --max-replicas}, {@code --delivery-timeout} s, {@code --drain-limit}
 * s, {@code --rabbit-host}, {@code --rabbit-port}, {@code --raw-vhost}, {@code --rabbit-window},
 * {@code --rabbit-duration} s, {@code --addresses} A (the customers' client addresses, {@link
 * CustomerLoad}; 1, the default here, all from 127.0.0.1), {@code --pgbench}, {@code --out} (the
 * run's folder: report.md, report.json, latency.png), {@code --heading} (Markdown put before the
 * results), {@code --command}; {@code --stats-url} (the server's {@code postgres} database, for
 * {@link PostgresCost}), {@code --postgres-port} (for {@code ss}), {@code --postgres-pid} (the
 * run's private server, whose processes are all counted as PostgreSQL; 0 or absent with the shared
 * one). Passwords come from the environment: {@code BENCH_ADMIN_PASSWORD}, {@code
 * POSTGRES_PASSWORD}, {@code RABBITMQ_PASSWORD}.
 */
public final class SystemBenchmark {

  /** The series of the headline phase's timeline. */
  static final String SEND_TO_201 = "send → 201";

  static final String STORED_TO_ALL = "stored → delivered to all sockets";

  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(120);

  /** Statements of messaging's database listed per ingest phase, by calls. */
  static final int TOP_STATEMENTS = 10;

  /**
   * Each service's start → ready in seconds, from the file of {@code --ready} (lines {@code
   * service=seconds}, written by bench/lib.sh); empty without it.
   */
  static Map<String, Double> readySeconds(Options o) throws java.io.IOException {
    Map<String, Double> ready = new LinkedHashMap<>();
    if (o.has("ready")) {
      Properties p = o.properties("ready");
      for (String service : SystemReport.PAYARA_SERVICES) {
        String seconds = p.getProperty(service);
        if (seconds != null) {
          ready.put(service, Double.parseDouble(seconds));
        }
      }
    }
    return ready;
  }

  public static void main(String[] args) throws Exception {
    // The chart is drawn without a display.
    System.setProperty("java.awt.headless", "true");
    Options o = Options.parse(args);
    SystemReport.Settings s =
        new SystemReport.Settings(
            o.integer("customers", 100),
            o.integer("operators", 200),
            o.integer("rate", 200),
            o.integer("duration", 30),
            o.integer("warmup", 60),
            o.integer("concurrency", 32),
            o.integer("ai-rate", 5),
            o.integer("ai-messages", 150),
            o.integer("ollama-latency", 50),
            o.integer("model-latency", AiBenchmark.TARGET_MODEL_LATENCY_MILLIS),
            o.integer("burst", 40),
            o.integer("max-replicas", 4));
    Options.positive(
        "customers, operators, rate, duration, concurrency, ai-rate, ai-messages, burst and"
            + " max-replicas",
        s.customers(),
        s.operators(),
        s.rate(),
        s.duration(),
        s.concurrency(),
        s.aiRate(),
        s.aiMessages(),
        s.burst(),
        s.maxReplicas());
    Duration deliveryTimeout = Duration.ofSeconds(o.integer("delivery-timeout", 10));
    Duration drainLimit = Duration.ofSeconds(o.integer("drain-limit", 180));
    Path out = Path.of(o.required("out"));
    ReplicaControl control = new ReplicaControl(System.out);

    // ---- 1. raw limits ----
    Properties pgbench = o.properties("pgbench");
    log("RabbitMQ alone: publish with confirms for " + o.integer("rabbit-duration", 10) + " s");
    RabbitConfirmRate.Result rabbit =
        RabbitConfirmRate.measure(
            o.get("rabbit-host", "127.0.0.1"),
            o.integer("rabbit-port", 5672),
            o.required("raw-vhost"),
            o.get("rabbit-user", "guest"),
            System.getenv().getOrDefault("RABBITMQ_PASSWORD", "guest"),
            o.integer("rabbit-window", 256),
            Duration.ofSeconds(o.integer("rabbit-duration", 10)));
    log(String.format(java.util.Locale.ROOT, "  %.0f confirmed msg/s", rabbit.perSecond()));

    // ---- 2. set-up ----
    Deliveries created = new Deliveries(s.operators());
    Deliveries completed = new Deliveries(s.operators());
    CustomerLoad customers = new CustomerLoad(o.required("url"), o.integer("addresses", 1));
    AiBenchmark ai = new AiBenchmark(o, created, completed, customers, deliveryTimeout);
    Map<String, Long> jvms = new LinkedHashMap<>(FanoutBenchmark.services(o));
    Set<String> databases = Set.of(o.outbox().database(), o.required("gateway-database"));
    long postmaster = o.integer("postgres-pid", 0);
    ProcessProbe probe = new ProcessProbe(jvms, databases, postmaster, o.clockTicks());
    Map<String, String> labelled = new LinkedHashMap<>();
    labelled.put(FanoutBenchmark.MESSAGING, o.outbox().database());
    labelled.put(FanoutBenchmark.GATEWAY, o.required("gateway-database"));
    log("opening " + s.operators() + " operator sockets");
    List<SystemReport.Memory> memory = new ArrayList<>();
    try (PostgresCost pg =
            new PostgresCost(
                o.required("stats-url"),
                o.required("db-user"),
                System.getenv().getOrDefault("POSTGRES_PASSWORD", ""),
                labelled,
                o.integer("postgres-port", 5432));
        OperatorSockets operators =
            OperatorSockets.open(
                o,
                customers,
                s.operators(),
                Map.of(MessageCreated.TYPE, created, AiCompleted.TYPE, completed),
                SETUP_TIMEOUT)) {
      log("starting " + s.customers() + " customer conversations");
      Deliveries.Phase setup = created.phase("setup");
      customers.startConversations(s.customers(), setup);
      log(FanoutBenchmark.summary(created.await(setup, SETUP_TIMEOUT)));
      memory.add(memory("idle, after set-up", jvms, databases, postmaster));

      // ---- 3. ingest, closed loop ----
      if (s.warmup() > 0) {
        log("closed-loop warm-up: " + s.concurrency() + " workers, " + s.warmup() + " s");
        Deliveries.Phase w = created.phase("closed-loop warm-up");
        log(
            customers
                .closedLoop(w, "closed-loop warm-up", s.concurrency(), seconds(s.warmup()))
                .summary());
        created.await(w, Duration.ZERO);
      }
      log("closed loop: " + s.concurrency() + " workers, " + s.duration() + " s");
      Deliveries.Phase closedPhase = created.phase("closed loop");
      Window<LoadResult> closed =
          Window.of(
              probe,
              pg,
              operators,
              () ->
                  customers.closedLoop(
                      closedPhase, "closed loop", s.concurrency(), seconds(s.duration())));
      log(closed.value().summary());
      Deliveries.Result closedDelivered = created.await(closedPhase, deliveryTimeout);
      log(FanoutBenchmark.summary(closedDelivered));
      Deliveries.Drain closedDrain = created.awaitAll(FanoutBenchmark.QUIET, drainLimit);
      log("  backlog after the closed loop: " + closedDrain);
      quiet(created, drainLimit);

      // ---- 4. headline, fixed rate, charted ----
      Timeline timeline = new Timeline(System.nanoTime());
      timeline.declare(SEND_TO_201);
      timeline.declare(STORED_TO_ALL);
      customers.timeline(timeline, SEND_TO_201);
      created.timeline(timeline, STORED_TO_ALL);
      int warmup = Math.min(s.warmup(), 30);
      if (warmup > 0) {
        log("fixed-rate warm-up: " + s.rate() + " msg/s, " + warmup + " s");
        Deliveries.Phase w = created.phase("fixed-rate warm-up");
        log(customers.fixedRate(w, "fixed-rate warm-up", s.rate(), seconds(warmup)).summary());
        created.await(w, Duration.ZERO);
      }
      log("fixed rate: " + s.rate() + " msg/s, " + s.duration() + " s");
      Deliveries.Phase fixedPhase = created.phase("fixed rate");
      Window<LoadResult> fixed =
          Window.of(
              probe,
              pg,
              operators,
              () -> customers.fixedRate(fixedPhase, "fixed rate", s.rate(), seconds(s.duration())));
      log(fixed.value().summary());
      Deliveries.Result fixedDelivered = created.await(fixedPhase, deliveryTimeout);
      log(FanoutBenchmark.summary(fixedDelivered));
      customers.timeline(null, null);
      Deliveries.Drain fixedDrain = created.awaitAll(FanoutBenchmark.QUIET, drainLimit);
      created.timeline(null, null);
      log("  backlog after the fixed rate: " + fixedDrain);
      quiet(created, drainLimit);
      memory.add(memory("after the ingest phases", jvms, databases, postmaster));

      // ---- 5. AI overhead ----
      log("one replica, model double at " + s.ollamaLatency() + " ms");
      ReplicaControl.Replicas one = control.replicas(1, s.ollamaLatency());
      int aiWarmup = Math.max(1, Math.min(10, s.warmup()));
      List<Deliveries.Phase> w = ai.phases("AI warm-up");
      log(customers.fixedRate(w, "AI warm-up", s.aiRate(), (long) s.aiRate() * aiWarmup).summary());
      ai.await(w, deliveryTimeout);
      String aiLoad = s.aiMessages() + " msg at " + s.aiRate() + " msg/s";
      log("AI overhead: " + aiLoad);
      AiBenchmark.Latency latency = ai.latency(one, aiLoad, s.aiRate(), s.aiMessages());
      memory.add(
          memory(
              "after the AI overhead phase (1 replica)",
              withReplicas(jvms, one),
              databases,
              postmaster));

      // ---- 6. AI throughput ----
      List<AiBenchmark.Burst> bursts = new ArrayList<>();
      SystemReport.Memory largest = null;
      for (int n = 1; n <= s.maxReplicas(); n *= 2) {
        log(n + " replicas, model double at " + s.modelLatency() + " ms: a burst of " + s.burst());
        ReplicaControl.Replicas r = control.replicas(n, s.modelLatency());
        bursts.add(ai.burst(r, s.burst(), s.modelLatency()));
        largest =
            memory(
                "after the burst with " + n + " replicas",
                withReplicas(jvms, r),
                databases,
                postmaster);
      }
      memory.add(largest);
      control.stop();

      List<SystemReport.Cost> costs = new ArrayList<>();
      costs.add(closed.cost("closed loop", closed.value().requests() - closed.value().errors()));
      costs.add(fixed.cost("fixed rate", fixed.value().requests() - fixed.value().errors()));
      costs.add(
          new SystemReport.Cost(
              "AI overhead",
              latency.result().requests() - latency.result().errors(),
              latency.cpu(),
              null,
              -1));
      for (AiBenchmark.Burst b : bursts) {
        costs.add(
            new SystemReport.Cost(
                "AI burst, " + b.replicas() + (b.replicas() == 1 ? " replica" : " replicas"),
                b.result().requests() - b.result().errors(),
                b.cpu(),
                null,
                -1));
      }

      SystemReport.Run run =
          new SystemReport.Run(
              s,
              pgbench,
              rabbit,
              new SystemReport.Ingest(
                  "closed loop",
                  s.concurrency() + " workers, " + s.duration() + " s after " + s.warmup() + " s",
                  closed.value(),
                  closedDelivered,
                  closedDrain,
                  closed.cpu()),
              new SystemReport.Ingest(
                  "fixed rate",
                  s.rate() + " msg/s, " + s.duration() + " s after " + warmup + " s",
                  fixed.value(),
                  fixedDelivered,
                  fixedDrain,
                  fixed.cpu()),
              latency,
              bursts,
              memory,
              timeline.points(),
              warmup,
              operators.seen(),
              costs,
              pg.countsStatements()
                  ? "private server of the run (pg_stat_statements)"
                  : "shared server (no pg_stat_statements: statements not counted)",
              readySeconds(o));
      Files.createDirectories(out);
      String heading = o.has("heading") ? Files.readString(Path.of(o.required("heading"))) : "";
      Files.writeString(out.resolve("report.md"), heading + SystemReport.markdown(run));
      Files.writeString(
          out.resolve("report.json"),
          SystemReport.json(run, o.get("command", "./inbox bench"), heading));
      LatencyChart.write(
          "Headline phase: "
              + s.rate()
              + " msg/s through the gateway, "
              + s.operators()
              + " operator sockets",
          run.timeline(),
          warmup,
          out.resolve("latency.png"));
      log("report: " + out.resolve("report.md"));
      if (closed.value().requests() == closed.value().errors()
          || fixed.value().requests() == fixed.value().errors()) {
        log("an ingest phase had no successful request: see the errors above");
        System.exit(1);
      }
    }
  }

  /**
   * Until the sockets had no frame for {@link FanoutBenchmark#QUIET} (at most {@code limit}): under
   * overload messaging stores messages whose requests timed out, and the next phase must not start
   * while the gateway still fans them out.
   */
  private static void quiet(Deliveries created, Duration limit) throws InterruptedException {
    log(
        "  sockets quiet after "
            + created.awaitQuiet(FanoutBenchmark.QUIET, limit).toSeconds()
            + " s");
  }

  /**
   * A measured load phase: what it returned, the CPU of every process, the PostgreSQL counters of
   * the run's databases and the frames all sockets received, over the same window.
   */
  private record Window<T>(T value, ProcessProbe.Cpu cpu, PostgresCost.Window pg, long frames) {

    static <T> Window<T> of(
        ProcessProbe probe, PostgresCost pg, OperatorSockets sockets, ProcessProbe.Work<T> work)
        throws Exception {
      PostgresCost.Snapshot before = pg.snapshot();
      long framesBefore = frames(sockets);
      ProcessProbe.During<T> d = probe.during(work);
      long framesAfter = frames(sockets);
      PostgresCost.Snapshot after = pg.snapshot();
      return new Window<>(
          d.value(),
          d.cpu(),
          pg.between(before, after, TOP_STATEMENTS),
          framesAfter - framesBefore);
    }

    SystemReport.Cost cost(String phase, long messages) {
      return new SystemReport.Cost(phase, messages, cpu, pg, frames);
    }

    private static long frames(OperatorSockets sockets) {
      return sockets.seen().events();
    }
  }

  private static SystemReport.Memory memory(
      String after, Map<String, Long> jvms, Set<String> databases, long postmaster) {
    Set<String> product = new java.util.HashSet<>(jvms.keySet());
    product.removeIf(n -> n.startsWith("Ollama double"));
    Map<String, Long> all = new LinkedHashMap<>(jvms);
    all.put(ProcessProbe.LOAD_GENERATOR, ProcessHandle.current().pid());
    return new SystemReport.Memory(after, Footprint.take(all, product, databases, postmaster));
  }

  /** The services, then each replica and the double of {@code r}. */
  private static Map<String, Long> withReplicas(Map<String, Long> jvms, ReplicaControl.Replicas r) {
    Map<String, Long> m = new LinkedHashMap<>(jvms);
    for (int i = 0; i < r.pids().size(); i++) {
      m.put("analyze replica " + (i + 1), r.pids().get(i));
    }
    m.put("Ollama double", r.doublePid());
    return m;
  }

  private static Duration seconds(int s) {
    return Duration.ofSeconds(s);
  }
}
