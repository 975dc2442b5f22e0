package org.supportinbox.chaos;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.supportinbox.testing.Tokens;

/**
 * One chaos run: start the stack, connect the operators and the ledger, send the load while the
 * faults happen, then check, like Jepsen's RabbitMQ checker, what the customers were told against
 * what the database holds, what was published, and what each operator sees. The checks are shared
 * with {@link ClusterRun}.
 */
final class ChaosRun {

  private static final Set<String> TERMINAL = Set.of("available", "unavailable");

  private static final OperatorView.View EMPTY = new OperatorView.View(Map.of(), Map.of());

  private final ChaosOptions options;

  ChaosRun(ChaosOptions options) {
    this.options = options;
  }

  /** Runs it and returns the report; everything started is stopped before it returns. */
  Report run() throws Exception {
    Report report = new Report();
    String runId = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
    report.run.put("run_id", runId);
    report.run.put("started_at", Instant.now().toString());
    report.run.put("options", options.toString());
    long setupStart = System.nanoTime();
    try (ChaosStack stack = ChaosStack.start(options);
        AiCompletedLedger ledger = new AiCompletedLedger(stack.rabbit)) {
      // Ctrl-C or a kill of this JVM: still stop every process and drop what was made.
      Thread cleanup = new Thread(stack::close, "chaos-cleanup");
      Runtime.getRuntime().addShutdownHook(cleanup);
      report.run.put("setup_ms", Long.toString((System.nanoTime() - setupStart) / 1_000_000));
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
      ChaosStack stack,
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
    long loadStart = System.nanoTime();
    EmailPhase email = null;
    if (stack.mail != null) {
      String mailOperator =
          Tokens.sign(
              stack.services.secret(),
              Tokens.ISSUER,
              "chaos-operator-mail",
              Set.of("operator"),
              Instant.now(),
              Duration.ofHours(4));
      email = new EmailPhase(options, stack, stack.mail, mailOperator, runId, loadStart);
      email.start();
    }
    Faults faults = new Faults(stack, options, loadStart);
    Thread faultThread = new Thread(faults, "faults");
    faultThread.start();
    load.run(customers, options.messages(), options.rate(), runId);
    long loadEnd = System.nanoTime();
    Log.say("all sends answered or given up after " + (loadEnd - loadStart) / 1_000_000 + " ms");
    faultThread.join(TimeUnit.MINUTES.toMillis(15));
    report.timeline.addAll(faults.timeline());
    if (faults.failure() != null) {
      report.note("a fault could not be done: " + faults.failure());
    }
    report.check("faults done (of 5)", faults.timeline().size(), 5);
    report.run.put("load_ms", Long.toString((loadEnd - loadStart) / 1_000_000));
    report.run.put("send_failures_retried", load.failuresByKind().toString());

    long since = Math.max(faults.lastFaultEndNanos(), loadEnd);
    long deadline = since + TimeUnit.SECONDS.toNanos(options.insightDeadlineSeconds());
    try (Connection db = stack.messagingDb.connect()) {
      checkMessages(db, load, customers.size(), report);
      long allTerminalAt = awaitInsights(db, deadline);
      checkInsights(db, ledger, since, allTerminalAt, report);
      checkOutbox(db, report);
      checkViews(db, operators, report);
    }
    checkDeadLetters(stack, report);
    report.info("ai.completed events seen by the ledger", ledger.events());
    report.info("model calls (Ollama double)", stack.ollama.calls().size());
    if (email != null) {
      email.settleAndCheck(report);
    }
  }

  void checkMessages(Connection db, CustomerLoad load, int customers, Report report)
      throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery("select count(*) from conversations where channel = 'chat'")) {
      rs.next();
      // Starts are retried like sends, with an idempotency key: a retry must not start another.
      report.check(
          "conversations: one per customer, retried starts included", rs.getLong(1), customers);
    }
    List<CustomerLoad.Entry> entries = load.ledger();
    Map<String, List<String>> stored = new HashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select client_message_id, id::text from messages"
                    + " where client_message_id is not null")) {
      while (rs.next()) {
        stored.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
      }
    }
    long accepted = 0;
    long refused = 0;
    long gaveUp = 0;
    long lost = 0;
    long wrongId = 0;
    long storedWithoutAccept = 0;
    List<String> lostSamples = new ArrayList<>();
    for (CustomerLoad.Entry e : entries) {
      List<String> rows = stored.getOrDefault(e.clientId, List.of());
      if (e.accepted()) {
        accepted++;
        if (rows.isEmpty()) {
          lost++;
          if (lostSamples.size() < 10) {
            lostSamples.add(e.clientId + " (answer " + e.status + ", message " + e.messageId + ")");
          }
        } else if (e.messageId != null && !rows.contains(e.messageId)) {
          wrongId++;
        }
      } else {
        if (e.gaveUp) {
          gaveUp++;
        } else {
          refused++;
        }
        if (!rows.isEmpty()) {
          storedWithoutAccept++;
        }
      }
    }
    long duplicates =
        stored.values().stream().filter(rows -> rows.size() > 1).mapToLong(r -> r.size() - 1).sum();
    report.info("customer messages sent (unique client ids)", entries.size());
    report.check("accepted (2xx, possibly after retries)", accepted, entries.size());
    report.check("refused (4xx other than 429)", refused, 0);
    report.check("given up after retrying " + options.sendGiveUpSeconds() + " s", gaveUp, 0);
    report.check("lost: accepted but not stored", lost, 0);
    report.check("duplicates: extra rows for one client id", duplicates, 0);
    report.check("accepted with a message id other than the stored one", wrongId, 0);
    report.info("stored without a 2xx (client gave up or was refused)", storedWithoutAccept);
    report.info(
        "sends retried (attempts beyond the first)",
        entries.stream().mapToLong(e -> Math.max(0, e.attempts - 1)).sum());
    report.info(
        "messages accepted as an idempotent replay (200)",
        entries.stream().filter(e -> e.status == 200).count());
    lostSamples.forEach(s -> report.note("lost: " + s));
  }

  /** Waits until every customer message has a terminal insight; returns when, or -1. */
  long awaitInsights(Connection db, long deadline) throws SQLException, InterruptedException {
    while (true) {
      long pending = pendingInsights(db);
      if (pending == 0) {
        return System.nanoTime();
      }
      if (System.nanoTime() > deadline) {
        return -1;
      }
      Log.say(pending + " customer messages without a terminal insight yet");
      Thread.sleep(1000);
    }
  }

  private static long pendingInsights(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(*) from messages m left join ai_insights i on i.message_id = m.id"
                    + " where m.sender = 'customer'"
                    + " and (i.status is null or i.status not in ('available', 'unavailable'))")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  void checkInsights(
      Connection db, AiCompletedLedger ledger, long since, long allTerminalAt, Report report)
      throws SQLException, InterruptedException {
    Map<String, String> status = new HashMap<>();
    Map<String, String> errors = new HashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select m.id::text, i.status, i.error from messages m"
                    + " left join ai_insights i on i.message_id = m.id where m.sender = 'customer'")) {
      while (rs.next()) {
        status.put(rs.getString(1), rs.getString(2));
        if (rs.getString(3) != null) {
          errors.put(rs.getString(1), rs.getString(3));
        }
      }
    }
    long terminal = status.values().stream().filter(v -> v != null && TERMINAL.contains(v)).count();
    report.info("customer messages in the database (incl. conversation starts)", status.size());
    report.check(
        "with a terminal insight within "
            + options.insightDeadlineSeconds()
            + " s after the last fault",
        allTerminalAt < 0 ? terminal : status.size(),
        status.size());
    if (allTerminalAt >= 0) {
      report.info(
          "seconds from the last fault (or the last send) until all were terminal",
          Math.max(0, (allTerminalAt - since) / 1_000_000_000L));
    }
    report.info(
        "  of which available", status.values().stream().filter("available"::equals).count());
    report.info(
        "  of which unavailable", status.values().stream().filter("unavailable"::equals).count());
    // The replicas run the product's default AI_PROVIDER=auto: while Ollama is unreachable, the
    // embedded analyzer answers, and its insights name it as their model.
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select coalesce(model, '(none)'), count(*) from ai_insights"
                    + " where status = 'available' group by 1 order by 1")) {
      while (rs.next()) {
        report.info("  available, by model " + rs.getString(1), rs.getLong(2));
      }
    }
    Map<String, Integer> errorKinds = new HashMap<>();
    errors.values().forEach(e -> errorKinds.merge(e.replaceFirst(":.*", ""), 1, Integer::sum));
    errorKinds.forEach((k, n) -> report.note("unavailable insights with error " + k + ": " + n));

    // ai.completed still on its way to the ledger's queue: give it a few seconds.
    Map<String, Set<String>> results = ledger.resultsByMessage();
    for (int i = 0; i < 20 && !allPublished(status, results); i++) {
      Thread.sleep(500);
      results = ledger.resultsByMessage();
    }
    long duplicates = results.values().stream().filter(r -> r.size() > 1).count();
    long terminalWithoutEvent = 0;
    for (Map.Entry<String, String> e : status.entrySet()) {
      if (e.getValue() != null
          && TERMINAL.contains(e.getValue())
          && !results.containsKey(e.getKey())) {
        terminalWithoutEvent++;
      }
    }
    report.check(
        "duplicate insights: messages with two different results published", duplicates, 0);
    report.check("terminal insights never published as ai.completed", terminalWithoutEvent, 0);
    report.info(
        "ai.completed published again for the same result (redeliveries)",
        ledger.eventsByMessage().values().stream().mapToLong(n -> n - 1).sum());
    results.entrySet().stream()
        .filter(e -> e.getValue().size() > 1)
        .limit(10)
        .forEach(e -> report.note("duplicate insight: " + e.getKey() + " " + e.getValue()));
  }

  private static boolean allPublished(
      Map<String, String> status, Map<String, Set<String>> results) {
    return status.entrySet().stream()
        .filter(e -> e.getValue() != null && TERMINAL.contains(e.getValue()))
        .allMatch(e -> results.containsKey(e.getKey()));
  }

  static void checkOutbox(Connection db, Report report) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from outbox where published_at is null")) {
      rs.next();
      report.check("outbox rows never published", rs.getLong(1), 0);
    }
  }

  /**
   * Each operator's view against the database, once the views have had time to settle (they are
   * compared again every second for up to 30 s; the last comparison counts).
   */
  void checkViews(Connection db, List<OperatorView> operators, Report report) throws Exception {
    Map<String, Set<String>> dbMessages = new HashMap<>();
    Map<String, String> dbStatus = new HashMap<>();
    try (PreparedStatement p =
            db.prepareStatement(
                "select m.conversation_id::text, m.id::text, coalesce(i.status, 'none')"
                    + " from messages m left join ai_insights i on i.message_id = m.id");
        ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        dbMessages.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
        dbStatus.put(rs.getString(2), rs.getString(3));
      }
    }
    long totalMissing = 0;
    long totalDoubled = 0;
    long totalExtra = 0;
    long totalStale = 0;
    for (OperatorView client : operators) {
      long[] d = null;
      for (int i = 0; i < 30; i++) {
        OperatorView.View view = client.view();
        d = diff(view == null ? EMPTY : view, dbMessages, dbStatus);
        if (d[0] + d[1] + d[2] + d[3] == 0) {
          break;
        }
        Thread.sleep(1000);
      }
      totalMissing += d[0];
      totalDoubled += d[1];
      totalExtra += d[2];
      totalStale += d[3];
      report.note(
          client.name()
              + ": missing "
              + d[0]
              + ", doubled "
              + d[1]
              + ", extra "
              + d[2]
              + ", AI status differing "
              + d[3]
              + "; socket opened "
              + client.connects()
              + "x, lost "
              + client.drops()
              + "x, resync frames "
              + client.resyncFrames()
              + ", REST resyncs "
              + client.resyncs());
    }
    report.info("operator clients", operators.size());
    report.check("operator views: messages missing (all clients)", totalMissing, 0);
    report.check("operator views: messages doubled (all clients)", totalDoubled, 0);
    report.check("operator views: messages not in the database (all clients)", totalExtra, 0);
    report.check("operator views: AI status differing from the database", totalStale, 0);
    report.info(
        "operator sockets lost and reopened (all clients)",
        operators.stream().mapToLong(OperatorView::drops).sum());
    report.info(
        "resync frames received (all clients)",
        operators.stream().mapToLong(OperatorView::resyncFrames).sum());
  }

  /** missing, doubled, extra, status differing. */
  private static long[] diff(
      OperatorView.View view, Map<String, Set<String>> dbMessages, Map<String, String> dbStatus) {
    long missing = 0;
    long doubled = 0;
    long extra = 0;
    long stale = 0;
    for (Map.Entry<String, Set<String>> c : dbMessages.entrySet()) {
      List<String> seen = view.messages().getOrDefault(c.getKey(), List.of());
      Set<String> distinct = new HashSet<>(seen);
      doubled += seen.size() - distinct.size();
      for (String id : c.getValue()) {
        if (!distinct.contains(id)) {
          missing++;
        } else if (!dbStatus.get(id).equals(view.aiStatus().get(id))) {
          stale++;
        }
      }
      for (String id : distinct) {
        if (!c.getValue().contains(id)) {
          extra++;
        }
      }
    }
    for (Map.Entry<String, List<String>> c : view.messages().entrySet()) {
      if (!dbMessages.containsKey(c.getKey())) {
        extra += c.getValue().size();
      }
    }
    return new long[] {missing, doubled, extra, stale};
  }

  private static void checkDeadLetters(ChaosStack stack, Report report) throws Exception {
    try (com.rabbitmq.client.Connection c = stack.rabbit.connectionFactory().newConnection();
        Channel ch = c.createChannel()) {
      long depth = ch.queueDeclarePassive("ai.analyze.dead").getMessageCount();
      report.check("dead-lettered events (ai.analyze.dead)", depth, 0);
      for (int i = 0; i < Math.min(depth, 50); i++) {
        GetResponse r = ch.basicGet("ai.analyze.dead", false);
        if (r == null) {
          break;
        }
        Object reason =
            r.getProps().getHeaders() == null
                ? null
                : r.getProps().getHeaders().get("x-dead-reason");
        report.note(
            "dead letter: reason "
                + reason
                + ", body "
                + new String(r.getBody(), StandardCharsets.UTF_8).replaceAll("\\s+", " "));
      }
      // Closing the channel returns the unacknowledged dead letters to their queue.
    }
  }
}
