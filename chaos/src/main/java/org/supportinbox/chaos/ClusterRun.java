package org.supportinbox.chaos;

import com.rabbitmq.client.Channel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.supportinbox.testing.Tokens;

/**
 * {@code ./inbox chaos --cluster}: the services on a three-node RabbitMQ cluster (every node in
 * their {@code RABBITMQ_ADDRESSES}), customers writing through every gateway, and under that load
 * the Erlang VM of the node with most client connections (listed before the load) SIGKILLed and
 * restarted after {@code node-down} s, and at least 10 s after it accepts connections again, the
 * node with more connections of the other two the same way. No RabbitMQ CLI call while the load
 * runs (it can go minutes without an answer then): the victims are chosen before it, the quorum
 * checks are made before and after it. Then the same ledger as {@link ChaosRun} (its checks), the
 * quorum queues' members, and per kill the pause each service saw: from the kill to messaging's
 * next confirmed publish (outbox {@code published_at}), to the next insight stored by a replica
 * (which consumed its event), and to the next event pushed by each gateway (which consumed it) to
 * its operators' sockets.
 */
final class ClusterRun {

  /** Queues every run declares as quorum queues (messaging, the AI functions, the ledger). */
  static final Set<String> QUORUM_QUEUES =
      Set.of("ai.analyze", "ai.analyze.dead", "inbox.events.unrouted", AiCompletedLedger.QUEUE);

  /** A kill counts as under load when the last send began at least this long after it. */
  static final long UNDER_LOAD_MARGIN_MS = 10_000;

  /**
   * The second kill waits at least this long after the first victim accepts connections again: the
   * time its quorum members take to catch up (2 to 3.3 s in ClusterChaosIT), with room to spare, as
   * the CLI cannot be asked under load; short enough that the short form's second kill still comes
   * well before its last send when a restart is slow.
   */
  static final long RESTARTED_NODE_SETTLE_MS = 10_000;

  private final ClusterOptions options;
  private final ChaosRun checks;

  ClusterRun(ClusterOptions options) {
    this.options = options;
    this.checks = new ChaosRun(options.ledgerOptions());
  }

  /** One node kill: which node, when (epoch ms) it was killed and running again. */
  record Kill(String node, long killedAt, long runningAt) {}

  Report run() throws Exception {
    Report report = new Report();
    String runId = "chaos-cluster-" + UUID.randomUUID().toString().substring(0, 8);
    report.run.put("run_id", runId);
    report.run.put("started_at", Instant.now().toString());
    report.run.put("options", options.toString());
    long setupStart = System.nanoTime();
    try (ClusterStack stack = ClusterStack.start(options);
        AiCompletedLedger ledger = new AiCompletedLedger(stack.rabbit.connect("chaos-ledger"))) {
      Thread cleanup = new Thread(stack::close, "chaos-cleanup");
      Runtime.getRuntime().addShutdownHook(cleanup);
      report.run.put("setup_ms", Long.toString((System.nanoTime() - setupStart) / 1_000_000));
      report.run.put("rabbitmq_addresses", stack.rabbit.addresses());
      checkQuorumQueues(stack, report, "before the faults");
      List<OperatorView> operators = new ArrayList<>();
      try {
        for (int i = 0; i < options.operators(); i++) {
          int g = i % stack.gateways.size();
          String token =
              Tokens.sign(
                  stack.services.secret(),
                  Tokens.ISSUER,
                  "chaos-operator-" + (i + 1),
                  Set.of("operator"),
                  Instant.now(),
                  Duration.ofHours(4));
          OperatorView client =
              new OperatorView(
                  "operator-" + (i + 1) + "@gateway-" + (g + 1),
                  stack.gateways.get(g).baseUrl(),
                  stack.wsProxies.get(g).origin(),
                  token);
          operators.add(client);
          client.connect();
        }
        exercise(stack, ledger, operators, runId, report);
      } finally {
        operators.forEach(OperatorView::close);
        Runtime.getRuntime().removeShutdownHook(cleanup);
      }
    }
    report.run.put("finished_at", Instant.now().toString());
    return report;
  }

  private void exercise(
      ClusterStack stack,
      AiCompletedLedger ledger,
      List<OperatorView> operators,
      String runId,
      Report report)
      throws Exception {
    CustomerLoad load = new CustomerLoad(options.sendGiveUpSeconds());
    List<String> gatewayUrls = stack.gateways.stream().map(g -> g.baseUrl()).toList();
    List<CustomerLoad.Customer> customers =
        load.startCustomers(options.customers(), gatewayUrls, runId);
    Log.say(
        customers.size()
            + " customers started; sending "
            + options.messages()
            + " messages at "
            + options.rate()
            + "/s");
    // Every RabbitMQ CLI call is made before or after the load: while the cluster carries the
    // full run's load on the 2-core test machine, the CLI can go minutes without an answer, and
    // faults that wait for it land after the load. So the victims are chosen now.
    List<List<String>> connectionsBefore = new ArrayList<>();
    for (PrivateRabbit node : stack.rabbit.nodes()) {
      connectionsBefore.add(connectionNames(node));
    }
    int first = busiest(connectionsBefore, -1);
    int second = busiest(connectionsBefore, first);
    for (int i = 0; i < connectionsBefore.size(); i++) {
      report.run.put(
          "client_connections_before_load_" + stack.rabbit.node(i).node(),
          connectionsBefore.get(i).toString());
    }
    long inStep = stack.rabbit.awaitNotQuorumCritical(first, Duration.ofMinutes(5));
    Log.say(
        "victims: "
            + stack.rabbit.node(first).node()
            + ", then "
            + stack.rabbit.node(second).node()
            + " (not quorum-critical after "
            + inStep
            + " ms)");
    long loadStart = System.nanoTime();
    NodeFaults faults = new NodeFaults(stack, loadStart, first, second, connectionsBefore);
    Thread faultThread = new Thread(faults, "faults");
    faultThread.start();
    load.run(customers, options.messages(), options.rate(), runId);
    long loadEnd = System.nanoTime();
    long lastSend = load.lastSendNanos();
    Log.say("all sends answered or given up after " + (loadEnd - loadStart) / 1_000_000 + " ms");
    faultThread.join(TimeUnit.MINUTES.toMillis(20));
    report.timeline.addAll(faults.timeline());
    if (faults.failure != null) {
      report.note("a fault could not be done: " + faults.failure);
    }
    report.check("node kills done (of 2)", faults.kills().size(), 2);
    // A kill after the last send proves nothing about the load: it must come while sending, with
    // sends still to come after it (the pause is measured on them).
    long lastSendMillis = System.currentTimeMillis() - (System.nanoTime() - lastSend) / 1_000_000;
    long underLoad =
        faults.kills().stream()
            .filter(k -> k.killedAt() <= lastSendMillis - UNDER_LOAD_MARGIN_MS)
            .count();
    for (Kill k : faults.kills()) {
      report.info(
          "ms from SIGKILL of " + k.node() + " to the last send", lastSendMillis - k.killedAt());
    }
    report.check(
        "node kills while the customers were sending (10 s or more before the last send)",
        underLoad,
        2);
    report.run.put("load_ms", Long.toString((loadEnd - loadStart) / 1_000_000));
    report.run.put("send_failures_retried", load.failuresByKind().toString());
    // The in-step wait the faults could not do under load: every node's quorum members in step.
    int critical = 0;
    for (int i = 0; i < stack.rabbit.nodes().size(); i++) {
      String name = stack.rabbit.node(i).node();
      try {
        report.info(
            "ms after the load until " + name + " is not quorum-critical",
            stack.rabbit.awaitNotQuorumCritical(i, Duration.ofMinutes(3)));
      } catch (IllegalStateException e) {
        critical++;
        report.note(e.getMessage());
      }
    }
    report.check("nodes still quorum-critical 3 min after the load", critical, 0);

    long since = Math.max(faults.lastFaultEndNanos, loadEnd);
    long deadline = since + TimeUnit.SECONDS.toNanos(options.insightDeadlineSeconds());
    try (Connection db = stack.messagingDb.connect()) {
      checks.checkMessages(db, load, customers.size(), report);
      long allTerminalAt = checks.awaitInsights(db, deadline);
      checks.checkInsights(db, ledger, since, allTerminalAt, report);
      ChaosRun.checkOutbox(db, report);
      checks.checkViews(db, operators, report);
      List<Kill> kills = faults.kills();
      for (int i = 0; i < kills.size(); i++) {
        // Up to 60 s after the kill, or to the next kill if that came sooner.
        long end = kills.get(i).killedAt() + 60_000;
        if (i + 1 < kills.size()) {
          end = Math.min(end, kills.get(i + 1).killedAt());
        }
        pauses(db, kills.get(i), end, operators, report);
      }
    }
    checkQuorumQueues(stack, report, "after the faults");
    checkDeadLetters(stack, report);
    report.info("ai.completed events seen by the ledger", ledger.events());
    report.info("model calls (Ollama double)", stack.ollama.calls().size());
  }

  /**
   * Every quorum queue has a member on each of the three nodes, all online; the queues the run
   * needs are among them.
   */
  private static void checkQuorumQueues(ClusterStack stack, Report report, String when) {
    String listing = stack.rabbit.quorumQueues();
    int quorum = 0;
    int notOnEveryNode = 0;
    int notAllOnline = 0;
    List<String> names = new ArrayList<>();
    for (String line : listing.split("\n")) {
      String[] f = line.split("\t");
      if (f.length < 4 || !f[1].strip().equals("quorum")) {
        continue;
      }
      quorum++;
      names.add(f[0].strip());
      if (count(f[2], "@localhost") != 3) {
        notOnEveryNode++;
        report.note("quorum queue " + line.strip() + " (" + when + ")");
      }
      if (count(f[3], "@localhost") != 3) {
        notAllOnline++;
        report.note("quorum queue not all online: " + line.strip() + " (" + when + ")");
      }
    }
    report.info("quorum queues (" + when + ")", quorum);
    report.check(
        "the run's quorum queues present (" + when + ")",
        QUORUM_QUEUES.stream().filter(names::contains).count(),
        QUORUM_QUEUES.size());
    report.check(
        "quorum queues without a member on each of 3 nodes (" + when + ")", notOnEveryNode, 0);
    report.check("quorum queues with a member offline (" + when + ")", notAllOnline, 0);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  /**
   * The pause each service saw after a kill, in ms: from the kill to messaging's next confirmed
   * publish (the first outbox row published after it: {@code published_at} is the start of the
   * relay's transaction that published and confirmed it), to the next insight a replica stored (it
   * consumed the event), and to the next event each gateway pushed to a socket (it consumed it from
   * its queue); and the longest gap between two of those from the kill to {@code end} (epoch ms: 60
   * s later, or the next kill).
   */
  private static void pauses(
      Connection db, Kill k, long end, List<OperatorView> operators, Report report)
      throws SQLException {
    String label = "pause after SIGKILL of " + k.node();
    List<Long> published =
        times(db, "select published_at from outbox where published_at is not null", k, end);
    List<Long> insights =
        times(
            db,
            "select updated_at from ai_insights where status in ('available', 'unavailable')",
            k,
            end);
    report.info(label + ": messaging, next publish confirmed (ms)", next(published, k));
    report.info(label + ": messaging, longest gap between publishes (ms)", gap(published, k, end));
    report.info(label + ": AI replicas, next insight stored (ms)", next(insights, k));
    report.info(label + ": AI replicas, longest gap between insights (ms)", gap(insights, k, end));
    java.util.Map<String, List<Long>> byGateway = new java.util.TreeMap<>();
    for (OperatorView o : operators) {
      String gateway = o.name().substring(o.name().indexOf('@') + 1);
      byGateway.computeIfAbsent(gateway, g -> new ArrayList<>()).addAll(o.eventArrivals());
    }
    byGateway.forEach(
        (gateway, arrivals) -> {
          List<Long> sorted = arrivals.stream().sorted().toList();
          report.info(label + ": " + gateway + ", next event pushed (ms)", next(sorted, k));
          report.info(
              label + ": " + gateway + ", longest gap between events (ms)", gap(sorted, k, end));
        });
  }

  /** Epoch ms of the query's timestamps from 10 s before the kill to {@code end}, sorted. */
  private static List<Long> times(Connection db, String select, Kill k, long end)
      throws SQLException {
    String column = select.substring("select ".length(), select.indexOf(" from"));
    try (PreparedStatement p =
        db.prepareStatement(select + " and " + column + " between ? and ? order by " + column)) {
      p.setTimestamp(1, new Timestamp(k.killedAt() - 10_000));
      p.setTimestamp(2, new Timestamp(end));
      List<Long> out = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getTimestamp(1).getTime());
        }
      }
      return out;
    }
  }

  /** From the kill to the first time at or after it; -1 when there is none within 60 s. */
  private static long next(List<Long> sorted, Kill k) {
    return sorted.stream()
        .filter(t -> t >= k.killedAt())
        .findFirst()
        .map(t -> t - k.killedAt())
        .orElse(-1L);
  }

  /** The longest gap between consecutive times that spans or follows the kill (up to end). */
  private static long gap(List<Long> sorted, Kill k, long end) {
    long longest = 0;
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i) >= k.killedAt() && sorted.get(i) <= end) {
        longest = Math.max(longest, sorted.get(i) - sorted.get(i - 1));
      }
    }
    return longest;
  }

  private static void checkDeadLetters(ClusterStack stack, Report report) throws Exception {
    try (com.rabbitmq.client.Connection c = stack.rabbit.connect("chaos-dead-letters");
        Channel ch = c.createChannel()) {
      long depth = ch.queueDeclarePassive("ai.analyze.dead").getMessageCount();
      report.check("dead-lettered events (ai.analyze.dead)", depth, 0);
    }
  }

  /**
   * The node (other than {@code except}) with the most client connections in {@code connections}
   * (one list per node); the lower index on a tie.
   */
  static int busiest(List<List<String>> connections, int except) {
    int best = -1;
    for (int i = 0; i < connections.size(); i++) {
      if (i != except && (best < 0 || connections.get(i).size() > connections.get(best).size())) {
        best = i;
      }
    }
    return best;
  }

  /**
   * The names of the client connections on the node ({@code list_connections pid
   * client_properties}: the node is the pid's, the name the client's {@code connection_name});
   * empty when the node does not answer. A CLI call: before or after the load only.
   */
  private static List<String> connectionNames(PrivateRabbit node) {
    List<String> here = new ArrayList<>();
    try {
      String listing =
          node.ctl(
              Duration.ofSeconds(60),
              "list_connections",
              "--timeout",
              "50",
              "--no-table-headers",
              "pid",
              "client_properties");
      java.util.regex.Pattern name =
          java.util.regex.Pattern.compile("\"connection_name\",\"([^\"]+)\"");
      for (String line : listing.split("\n")) {
        if (line.startsWith("<" + node.node() + ".")) {
          java.util.regex.Matcher m = name.matcher(line);
          here.add(m.find() ? m.group(1) : "(unnamed)");
        }
      }
    } catch (RuntimeException e) {
      Log.say("connections of " + node.node() + " unknown: " + e.getMessage());
    }
    return here;
  }

  /**
   * The two node kills on their own thread, and the timeline. The victims are fixed before the load
   * and nothing here calls the RabbitMQ CLI: the kill is by the pid in the node's pid file, the
   * restart's end is the node accepting an AMQP connection.
   */
  private final class NodeFaults implements Runnable {
    private final ClusterStack stack;
    private final long loadStartNanos;
    private final int first;
    private final int second;
    private final List<List<String>> connectionsBefore;
    private final List<Faults.Event> timeline = new ArrayList<>();
    private final List<Kill> kills = new ArrayList<>();
    private volatile Throwable failure;
    private volatile long lastFaultEndNanos;

    NodeFaults(
        ClusterStack stack,
        long loadStartNanos,
        int first,
        int second,
        List<List<String>> connectionsBefore) {
      this.stack = stack;
      this.loadStartNanos = loadStartNanos;
      this.first = first;
      this.second = second;
      this.connectionsBefore = connectionsBefore;
    }

    @Override
    public void run() {
      long window = options.windowMillis();
      try {
        at(
            window * 20 / 100,
            "SIGKILL the RabbitMQ node with most clients before the load, restart",
            () -> killAndRestart(first));
        // The first victim accepts connections again (just now): give its members time.
        long settled = Math.max(window * 55 / 100, sinceStartMs() + RESTARTED_NODE_SETTLE_MS);
        at(settled, "SIGKILL another RabbitMQ node, restart", () -> killAndRestart(second));
      } catch (Throwable t) {
        failure = t;
        Log.say("fault failed: " + t);
      }
    }

    /**
     * SIGKILLs node {@code i}, restarts it after {@code node-down} s and waits until it accepts
     * AMQP connections again.
     */
    private String killAndRestart(int i) {
      PrivateRabbit node = stack.rabbit.node(i);
      long pid = node.kill();
      long killedAt = System.currentTimeMillis();
      sleep(options.nodeDownSeconds() * 1000L);
      long restartAt = System.currentTimeMillis();
      node.restart(Duration.ofMinutes(3));
      long runningAt = System.currentTimeMillis();
      synchronized (kills) {
        kills.add(new Kill(node.node(), killedAt, runningAt));
      }
      return "SIGKILL "
          + node.node()
          + " (pid "
          + pid
          + "; client connections on it before the load: "
          + connectionsBefore.get(i)
          + "), restarted after "
          + (restartAt - killedAt)
          + " ms, accepting connections "
          + (runningAt - restartAt)
          + " ms later";
    }

    private void at(long dueMs, String fault, Callable<String> action) throws Exception {
      long wait = dueMs - sinceStartMs();
      if (wait > 0) {
        Thread.sleep(wait);
      }
      long start = sinceStartMs();
      Log.say("fault: " + fault);
      String detail = action.call();
      lastFaultEndNanos = System.nanoTime();
      synchronized (timeline) {
        timeline.add(new Faults.Event(start, sinceStartMs(), fault, detail));
      }
      Log.say("fault done: " + fault + ": " + detail);
    }

    private long sinceStartMs() {
      return (System.nanoTime() - loadStartNanos) / 1_000_000;
    }

    List<Faults.Event> timeline() {
      synchronized (timeline) {
        return List.copyOf(timeline);
      }
    }

    List<Kill> kills() {
      synchronized (kills) {
        return List.copyOf(kills);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
