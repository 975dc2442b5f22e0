package org.supportinbox.bench;

import static org.supportinbox.bench.Options.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.supportinbox.contracts.events.AiCompleted;
import org.supportinbox.contracts.events.MessageCreated;

/**
 * Benchmark of the AI functions behind a running gateway and messaging; bench/ai.sh starts them and
 * calls this, and starts the function replicas and Ollama doubles when asked ({@link
 * ReplicaControl}). Logs in as the admin, opens operator sockets, then:
 *
 * <ol>
 *   <li>latency: one replica against a model double answering at once; customer messages through
 *       the gateway at a fixed rate (after a warm-up); for each, from stored to its {@code
 *       message.created} and to its {@code ai.completed} on the operator sockets, and the stages in
 *       between read from messaging's database;
 *   <li>throughput: 1, 2, 4, ... replicas (one model call at a time each) against a model double
 *       answering after {@code --model-latency} ms; a burst of customer messages, and from its
 *       first request to the last {@code ai.completed}: insights per second;
 *   <li>the replicas' memory after each, and who used the CPU.
 * </ol>
 *
 * <p>Options ({@code --name value}): {@code --url} (the gateway), {@code --origin} (one of its
 * {@code ALLOWED_ORIGINS}), {@code --gateway-pid}, {@code --messaging-pid}, {@code --jdbc-url} and
 * {@code --db-user} (messaging's database) and {@code --gateway-database} are required; {@code
 * --admin-user} (admin), {@code --sockets} (1), {@code --conversations} (20), {@code --rate} msg/s
 * (20), {@code --warmup} s at that rate before the latency phase (30), {@code --messages} of the
 * latency phase (300), {@code --burst} messages per throughput run (40), {@code --max-replicas}
 * (4), {@code --model-latency} ms (500), {@code --delivery-timeout} s (30), {@code --clk-tck}
 * (100), {@code --report}. The admin's password comes from the environment: {@code
 * BENCH_ADMIN_PASSWORD}.
 */
public final class AiBenchmark {

  /** Targets of the issue; recorded against the figures, never asserted. */
  static final double TARGET_COMPLETED_P50_MILLIS = 20;

  static final double TARGET_COMPLETED_P99_MILLIS = 100;
  static final int TARGET_MODEL_LATENCY_MILLIS = 500;

  /** Throughput with this many replicas, at least this many times one replica's. */
  static final Map<Integer, Double> TARGET_SCALE = Map.of(2, 1.9, 4, 3.6);

  /** 200 MB, in bytes: {@code VmRSS} of one replica at most. */
  static final long TARGET_REPLICA_RSS_BYTES = 200_000_000L;

  /** The CPU columns besides the fan-out benchmark's: the replicas together, the double. */
  static final String FUNCTIONS = "AI functions";

  static final String OLLAMA_DOUBLE = "Ollama double";

  /**
   * A burst's messages are sent open loop at this rate: all of them within a fraction of what the
   * replicas take, without opening hundreds of connections at the same instant.
   */
  static final int BURST_RATE = 1_000;

  /**
   * Before its measured burst, each set of fresh replicas handles this many messages per replica,
   * unmeasured: a replica's first events load classes and run cold code (seconds on this machine),
   * which would otherwise count against the shortest runs, those with the most replicas.
   */
  static final int WARM_UP_PER_REPLICA = 3;

  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);

  /** The latency phase and what was read after it. */
  record Latency(
      String load,
      LoadResult result,
      Deliveries.Result created,
      Deliveries.Result completed,
      OutboxLag.Lag outbox,
      OutboxLag.Insights insights,
      ProcessProbe.Memory replica,
      ProcessProbe.Cpu cpu) {}

  /** One throughput run: a burst handled by {@code replicas} replicas. */
  record Burst(
      int replicas,
      LoadResult result,
      Deliveries.Result completed,
      List<ProcessProbe.Memory> memory,
      ProcessProbe.Cpu cpu) {

    /** {@code ai.completed} received per second, from the burst's first request to the last. */
    double perSecond() {
      long nanos = completed.firstStartToLastNanos();
      return nanos == 0 ? 0 : completed.deliveredToAll() / (nanos / 1e9);
    }

    /**
     * The same between the first and the last {@code ai.completed}: without the time until the
     * first insight (storing, relaying, the first model call), the rate the replicas kept up.
     */
    double steadyPerSecond() {
      long nanos = completed.firstToLastNanos();
      return nanos == 0 ? 0 : (completed.deliveredToAll() - 1) / (nanos / 1e9);
    }
  }

  /** What the whole run saw besides the phases. */
  record Run(
      OperatorSockets.Seen sockets,
      int rate,
      int modelLatencyMillis,
      int burst,
      Duration deliveryTimeout,
      List<String> owners,
      long unclaimed,
      Deliveries.Drain createdDrain,
      Deliveries.Drain completedDrain) {}

  private final Map<String, Long> services;
  private final Set<String> databases;
  private final int clockTicks;

  /** The run's private PostgreSQL server, 0 with the shared one. */
  private final long postmasterPid;

  private final Deliveries created;
  private final Deliveries completed;
  private final CustomerLoad customers;
  private final OutboxLag outbox;
  private final Duration deliveryTimeout;

  AiBenchmark(
      Options o,
      Deliveries created,
      Deliveries completed,
      CustomerLoad customers,
      Duration deliveryTimeout) {
    this.services = FanoutBenchmark.services(o);
    this.outbox = o.outbox();
    this.databases = Set.of(outbox.database(), o.required("gateway-database"));
    this.clockTicks = o.clockTicks();
    this.postmasterPid = o.integer("postgres-pid", 0);
    this.created = created;
    this.completed = completed;
    this.customers = customers;
    this.deliveryTimeout = deliveryTimeout;
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    int sockets = o.integer("sockets", 1);
    int conversations = o.integer("conversations", 20);
    int rate = o.integer("rate", 20);
    int warmup = o.integer("warmup", 30);
    int messages = o.integer("messages", 300);
    int burst = o.integer("burst", 40);
    int maxReplicas = o.integer("max-replicas", 4);
    int modelLatency = o.integer("model-latency", TARGET_MODEL_LATENCY_MILLIS);
    Duration deliveryTimeout = Duration.ofSeconds(o.integer("delivery-timeout", 30));
    Options.positive(
        "sockets, conversations, rate, messages, burst, max-replicas and the delivery timeout",
        sockets,
        conversations,
        rate,
        messages,
        burst,
        maxReplicas,
        (int) deliveryTimeout.toSeconds());
    if (warmup < 0 || modelLatency < 0) {
      throw new IllegalArgumentException("the warm-up and the model latency must not be negative");
    }
    ReplicaControl control = new ReplicaControl(System.out);
    // The first replica declares the work queue: a message stored before it exists would reach
    // no queue, so nothing is sent until it runs.
    log("one replica, model double at 0 ms");
    ReplicaControl.Replicas first = control.replicas(1, 0);

    Deliveries created = new Deliveries(sockets);
    Deliveries completed = new Deliveries(sockets);
    // From 127.0.0.1 alone: the limits are raised, and these phases measure other paths.
    CustomerLoad customers = new CustomerLoad(o.required("url"), 1);
    AiBenchmark bench = new AiBenchmark(o, created, completed, customers, deliveryTimeout);
    log("opening " + sockets + " operator sockets");
    try (OperatorSockets operators =
        OperatorSockets.open(
            o,
            customers,
            sockets,
            Map.of(MessageCreated.TYPE, created, AiCompleted.TYPE, completed),
            SETUP_TIMEOUT)) {
      log("starting " + conversations + " customer conversations");
      List<Deliveries.Phase> setup = bench.phases("setup");
      customers.startConversations(conversations, setup.get(0), setup.get(1));
      bench.await(setup, SETUP_TIMEOUT);
      if (warmup > 0) {
        log("warm-up: " + rate + " msg/s, " + warmup + " s");
        List<Deliveries.Phase> w = bench.phases("warm-up");
        log(customers.fixedRate(w, "warm-up", rate, (long) rate * warmup).summary());
        bench.await(w, deliveryTimeout);
      }
      String load = messages + " msg at " + rate + " msg/s" + Markdown.after(warmup);
      log("latency: " + load);
      Latency latency = bench.latency(first, load, rate, messages);

      List<Burst> bursts = new ArrayList<>();
      for (int n = 1; n <= maxReplicas; n *= 2) {
        log(n + " replicas, model double at " + modelLatency + " ms: a burst of " + burst);
        bursts.add(bench.burst(control.replicas(n, modelLatency), burst, modelLatency));
      }
      control.stop();

      Deliveries.Drain completedDrain =
          completed.awaitAll(FanoutBenchmark.QUIET, FanoutBenchmark.DRAIN_LIMIT);
      Deliveries.Drain createdDrain =
          created.awaitAll(FanoutBenchmark.QUIET, FanoutBenchmark.DRAIN_LIMIT);
      Run run =
          new Run(
              operators.seen(),
              rate,
              modelLatency,
              burst,
              deliveryTimeout,
              owners(),
              created.unclaimed() + completed.unclaimed(),
              createdDrain,
              completedDrain);
      List<LoadResult> loads = new ArrayList<>(List.of(latency.result()));
      bursts.forEach(b -> loads.add(b.result()));
      o.writeReport(AiReport.markdown(run, latency, bursts), loads);
    }
  }

  /**
   * The latency phase: {@code messages} at {@code rate} with the replica (model at 0 ms) that runs;
   * then its messages on the sockets, the outbox and insights in the database, the replica's
   * memory.
   */
  Latency latency(ReplicaControl.Replicas replica, String load, int rate, int messages)
      throws Exception {
    List<Deliveries.Phase> p = phases("latency");
    ProcessProbe probe = probe(replica);
    ProcessProbe.During<LoadResult> r =
        probe.during(() -> customers.fixedRate(p, "latency", rate, messages));
    log(r.value().summary());
    List<Deliveries.Result> d = await(p, deliveryTimeout);
    OutboxLag.Lag lag = outbox.after(r.value(), deliveryTimeout);
    OutboxLag.Insights insights = outbox.insights(r.value(), deliveryTimeout);
    return new Latency(
        load,
        r.value(),
        d.get(0),
        d.get(1),
        lag,
        insights,
        probe.memory(replicaName(1)),
        fold(r.cpu(), replica.pids().size()));
  }

  /**
   * One throughput run: a warm-up of {@link #WARM_UP_PER_REPLICA} messages per replica, then {@code
   * burst} messages at {@link #BURST_RATE} and the wait for their {@code ai.completed}, with the
   * CPU measured over both; then the replicas' memory.
   */
  Burst burst(ReplicaControl.Replicas replicas, int burst, int modelLatency) throws Exception {
    int n = replicas.pids().size();
    String label = n + (n == 1 ? " replica" : " replicas");
    // As if one replica did them all, one after the other, plus the usual margin.
    Duration timeout =
        deliveryTimeout.plusMillis((long) Math.max(burst, n * WARM_UP_PER_REPLICA) * modelLatency);
    List<Deliveries.Phase> w = phases(label + ", warm-up");
    log(
        customers
            .fixedRate(w, label + ", warm-up", BURST_RATE, (long) n * WARM_UP_PER_REPLICA)
            .summary());
    await(w, timeout);
    List<Deliveries.Phase> p = phases(label);
    ProcessProbe probe = probe(replicas);
    ProcessProbe.During<Handled> r =
        probe.during(
            () -> {
              LoadResult sent = customers.fixedRate(p, label, BURST_RATE, burst);
              log(sent.summary());
              return new Handled(sent, completed.await(p.get(1), timeout));
            });
    log(FanoutBenchmark.summary(r.value().completed()));
    created.await(p.get(0), deliveryTimeout);
    List<ProcessProbe.Memory> memory = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      memory.add(probe.memory(replicaName(i)));
    }
    Burst b = new Burst(n, r.value().sent(), r.value().completed(), memory, fold(r.cpu(), n));
    log(
        String.format(
            java.util.Locale.ROOT,
            "  %s: %.2f insights/s (first request to last ai.completed)",
            label,
            b.perSecond()));
    return b;
  }

  /** A burst's requests and its {@code ai.completed} frames. */
  private record Handled(LoadResult sent, Deliveries.Result completed) {}

  /** A phase of each frame type: {@code message.created}, then {@code ai.completed}. */
  List<Deliveries.Phase> phases(String label) {
    return List.of(created.phase(label), completed.phase(label));
  }

  /** Waits for both frame types of a phase's messages (each at most {@code timeout}). */
  List<Deliveries.Result> await(List<Deliveries.Phase> p, Duration timeout)
      throws InterruptedException {
    List<Deliveries.Result> results =
        List.of(created.await(p.get(0), timeout), completed.await(p.get(1), timeout));
    results.forEach(r -> log(FanoutBenchmark.summary(r)));
    return results;
  }

  /** The services, each replica and the double, as the probe's owners. */
  private ProcessProbe probe(ReplicaControl.Replicas replicas) {
    Map<String, Long> s = new LinkedHashMap<>(services);
    for (int i = 0; i < replicas.pids().size(); i++) {
      s.put(replicaName(i + 1), replicas.pids().get(i));
    }
    s.put(OLLAMA_DOUBLE, replicas.doublePid());
    return new ProcessProbe(s, databases, postmasterPid, clockTicks);
  }

  private static String replicaName(int i) {
    return "replica " + i;
  }

  /** The CPU columns of the report: {@link #owners()}. */
  static List<String> owners() {
    return List.of(
        FanoutBenchmark.GATEWAY,
        FanoutBenchmark.MESSAGING,
        FUNCTIONS,
        OLLAMA_DOUBLE,
        ProcessProbe.POSTGRES,
        ProcessProbe.RABBITMQ,
        ProcessProbe.LOAD_GENERATOR);
  }

  /** The CPU of {@code replicas} replicas as one {@link #FUNCTIONS} column. */
  private static ProcessProbe.Cpu fold(ProcessProbe.Cpu cpu, int replicas) {
    double functions = 0;
    for (int i = 1; i <= replicas; i++) {
      functions += cpu.byOwner().get(replicaName(i));
    }
    Map<String, Double> byOwner = new LinkedHashMap<>();
    for (String owner : owners()) {
      byOwner.put(owner, owner.equals(FUNCTIONS) ? functions : cpu.byOwner().get(owner));
    }
    return new ProcessProbe.Cpu(cpu.machine(), byOwner, cpu.seconds());
  }
}
