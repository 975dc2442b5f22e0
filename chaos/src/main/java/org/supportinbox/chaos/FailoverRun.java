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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.supportinbox.testing.Tokens;

/**
 * {@code ./inbox chaos --pg-failover}: the services on a private PostgreSQL primary and streaming
 * standby (both in their {@code POSTGRES_HOST}, the pool connecting to the primary), customers
 * writing through the gateways and retrying with the same {@code client_message_id}, and under that
 * load the primary stopped ({@code pg_ctlcluster stop -m immediate}) and the standby promoted
 * {@code promote-after} s later. Then the same ledger as {@link ChaosRun} (its checks: every 2xx
 * stored exactly once, every insight terminal, every operator view equal to the database, the
 * outbox all published), what the clients were answered during the switch (no {@code 500}: a
 * request the database cannot take is a {@code 503}), and the write pause: from the stop to the
 * first failed attempt, to the first {@code 2xx} after the promotion, the longest gap between two
 * {@code 2xx} answers and between two stored customer messages.
 */
final class FailoverRun {

  private static final Pattern ERROR_CODE = Pattern.compile("\"error\"\\s*:\\s*\"([a-z_]+)\"");

  private final FailoverOptions options;
  private final ChaosRun checks;

  FailoverRun(FailoverOptions options) {
    this.options = options;
    this.checks = new ChaosRun(options.ledgerOptions());
  }

  Report run() throws Exception {
    Report report = new Report();
    String runId = "chaos-pgfo-" + UUID.randomUUID().toString().substring(0, 8);
    report.run.put("run_id", runId);
    report.run.put("started_at", Instant.now().toString());
    report.run.put("options", options.toString());
    long setupStart = System.nanoTime();
    try (FailoverStack stack = FailoverStack.start(options)) {
      Thread cleanup = new Thread(stack::close, "chaos-cleanup");
      Runtime.getRuntime().addShutdownHook(cleanup);
      try (AiCompletedLedger ledger = new AiCompletedLedger(stack.rabbit)) {
        report.run.put("setup_ms", Long.toString((System.nanoTime() - setupStart) / 1_000_000));
        report.run.put("postgres_host", stack.postgres.hosts());
        report.run.put("replication", options.replication());
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
        }
      } finally {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      }
    }
    report.run.put("finished_at", Instant.now().toString());
    return report;
  }

  private void exercise(
      FailoverStack stack,
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
    Failover failover = new Failover(stack, loadStart);
    Thread faultThread = new Thread(failover, "failover");
    faultThread.start();
    MessagingProbe probe =
        new MessagingProbe(stack.messagingUrl(), stack.services.token("chaos-probe", "operator"));
    Thread probeThread = new Thread(probe, "messaging-probe");
    probeThread.start();
    load.run(customers, options.messages(), options.rate(), runId);
    probe.stop = true;
    probeThread.join(TimeUnit.SECONDS.toMillis(30));
    long loadEnd = System.nanoTime();
    long loadEndMillis = System.currentTimeMillis();
    Log.say("all sends answered or given up after " + (loadEnd - loadStart) / 1_000_000 + " ms");
    faultThread.join(TimeUnit.MINUTES.toMillis(10));
    report.timeline.addAll(failover.timeline());
    if (failover.failure != null) {
      report.note("the failover could not be done: " + failover.failure);
    }
    report.check(
        "primary stopped and standby promoted while the customers were sending",
        failover.promotedAt > 0 && failover.stoppedAt < loadEndMillis ? 1 : 0,
        1);
    report.run.put("load_ms", Long.toString((loadEnd - loadStart) / 1_000_000));
    report.run.put("send_failures_retried", load.failuresByKind().toString());

    long since = Math.max(failover.endNanos, loadEnd);
    long deadline = since + TimeUnit.SECONDS.toNanos(options.insightDeadlineSeconds());
    try (Connection db = stack.postgres.connect(stack.messagingDb.name())) {
      checks.checkMessages(db, load, customers.size(), report);
      long allTerminalAt = checks.awaitInsights(db, deadline);
      checks.checkInsights(db, ledger, since, allTerminalAt, report);
      ChaosRun.checkOutbox(db, report);
      checks.checkViews(db, operators, report);
      if (failover.promotedAt > 0) {
        probe.report(failover, report);
        answers(load, failover, report);
        storedGap(db, failover, report);
      }
    }
    checkDeadLetters(stack, report);
    report.info("ai.completed events seen by the ledger", ledger.events());
    report.info("model calls (Ollama double)", stack.ollama.calls().size());
  }

  /**
   * What the customers were answered from the stop on: failed attempts by kind ({@code HTTP 503}
   * with its error code, connection errors), none of them a {@code 500}; and the pause as they saw
   * it.
   */
  private static void answers(CustomerLoad load, Failover f, Report report) {
    List<CustomerLoad.Failure> failures = load.failures();
    Map<String, Integer> byKind = new TreeMap<>();
    long firstFailure = -1;
    long lastFailure = -1;
    for (CustomerLoad.Failure x : failures) {
      String kind = x.kind();
      Matcher m = ERROR_CODE.matcher(x.detail());
      if (kind.startsWith("HTTP ") && m.find()) {
        kind = kind + " " + m.group(1);
      }
      byKind.merge(kind, 1, Integer::sum);
      if (x.atMillis() >= f.stoppedAt) {
        firstFailure = firstFailure < 0 ? x.atMillis() : Math.min(firstFailure, x.atMillis());
        lastFailure = Math.max(lastFailure, x.atMillis());
      }
    }
    byKind.forEach((kind, n) -> report.info("failed attempts (retried): " + kind, n));
    report.check(
        "answers 500 (a request the database cannot take must be a 503)",
        failures.stream().filter(x -> x.kind().equals("HTTP 500")).count(),
        0);
    List<Long> accepted =
        load.ledger().stream()
            .filter(CustomerLoad.Entry::accepted)
            .map(e -> e.acceptedAtMillis)
            .sorted()
            .toList();
    long firstAfterPromotion =
        accepted.stream().filter(t -> t >= f.promotedAt).findFirst().orElse(-1L);
    long lastBeforeStop =
        accepted.stream().filter(t -> t < f.stoppedAt).reduce((a, b) -> b).orElse(-1L);
    report.info(
        "failover: stop of the primary to the standby promoted (ms)", f.promotedAt - f.stoppedAt);
    report.info(
        "failover: stop to the first failed attempt (ms)",
        firstFailure < 0 ? -1 : firstFailure - f.stoppedAt);
    report.info(
        "failover: stop to the last failed attempt (ms)",
        lastFailure < 0 ? -1 : lastFailure - f.stoppedAt);
    report.info(
        "failover: stop to the first 2xx after the promotion (ms)",
        firstAfterPromotion < 0 ? -1 : firstAfterPromotion - f.stoppedAt);
    report.info(
        "failover: promotion to the first 2xx after it (ms)",
        firstAfterPromotion < 0 ? -1 : firstAfterPromotion - f.promotedAt);
    report.info(
        "failover: first failed attempt to the first 2xx after the promotion (ms)",
        firstFailure < 0 || firstAfterPromotion < 0 ? -1 : firstAfterPromotion - firstFailure);
    report.info(
        "failover: last 2xx before the stop to the first 2xx after the promotion (ms)",
        lastBeforeStop < 0 || firstAfterPromotion < 0 ? -1 : firstAfterPromotion - lastBeforeStop);
    report.info(
        "failover: longest gap between two 2xx answers (ms)",
        gap(accepted, f.stoppedAt - 10_000, f.promotedAt + 120_000));
  }

  /** The longest gap between two stored customer messages ({@code created_at}) around the stop. */
  private static void storedGap(Connection db, Failover f, Report report) throws SQLException {
    List<Long> times = new ArrayList<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "select created_at from messages where sender = 'customer'"
                + " and created_at between ? and ? order by created_at")) {
      p.setTimestamp(1, new Timestamp(f.stoppedAt - 10_000));
      p.setTimestamp(2, new Timestamp(f.promotedAt + 120_000));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          times.add(rs.getTimestamp(1).getTime());
        }
      }
    }
    report.info(
        "failover: longest gap between two stored customer messages (ms)",
        gap(times, f.stoppedAt - 10_000, f.promotedAt + 120_000));
  }

  private static long gap(List<Long> sorted, long from, long to) {
    long longest = 0;
    Long previous = null;
    for (long t : sorted) {
      if (t < from || t > to) {
        continue;
      }
      if (previous != null) {
        longest = Math.max(longest, t - previous);
      }
      previous = t;
    }
    return longest;
  }

  private static void checkDeadLetters(FailoverStack stack, Report report) throws Exception {
    try (com.rabbitmq.client.Connection c =
            stack.rabbit.connectionFactory().newConnection("chaos-dead-letters");
        Channel ch = c.createChannel()) {
      long depth = ch.queueDeclarePassive("ai.analyze.dead").getMessageCount();
      report.check("dead-lettered events (ai.analyze.dead)", depth, 0);
    }
  }

  /**
   * Messaging asked directly, every 200 ms while the customers send, {@code GET
   * /conversations/counts} with an operator's token: a read that needs its database. The customers'
   * requests mostly meet the gateway's own refusal first (its database is on the same pair), so
   * this is what messaging itself answers while there is no primary: {@code 503
   * database_unavailable}, never a {@code 500}.
   */
  private static final class MessagingProbe implements Runnable {
    private final String url;
    private final String token;
    private final java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private record Answer(long at, int status, String text) {}

    private final List<Answer> answers = new ArrayList<>();
    private final Map<String, Integer> byAnswer = new TreeMap<>();
    private volatile boolean stop;

    MessagingProbe(String url, String token) {
      this.url = url;
      this.token = token;
    }

    @Override
    public void run() {
      while (!stop) {
        long at = System.currentTimeMillis();
        String answer;
        int status;
        try {
          java.net.http.HttpResponse<String> r =
              http.send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(url + "/conversations/counts"))
                      .header("Authorization", "Bearer " + token)
                      .timeout(Duration.ofSeconds(10))
                      .GET()
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
          status = r.statusCode();
          Matcher m = ERROR_CODE.matcher(r.body());
          answer = "HTTP " + status + (status >= 400 && m.find() ? " " + m.group(1) : "");
        } catch (java.io.IOException e) {
          status = -1;
          answer = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        synchronized (answers) {
          answers.add(new Answer(at, status, answer));
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    void report(Failover f, Report report) {
      long failedAfterStop = 0;
      long firstOkAfterPromotion = -1;
      long fiveHundreds = 0;
      synchronized (answers) {
        for (Answer a : answers) {
          if (a.status() == 500) {
            fiveHundreds++;
          }
          if (a.at() >= f.stoppedAt && a.status() != 200) {
            failedAfterStop++;
          }
          if (a.at() >= f.promotedAt && a.status() == 200 && firstOkAfterPromotion < 0) {
            firstOkAfterPromotion = a.at();
          }
        }
        for (Answer a : answers) {
          if (a.at() >= f.stoppedAt
              && (firstOkAfterPromotion < 0 || a.at() <= firstOkAfterPromotion)) {
            // The answers from the stop to the first 200 after the promotion, by kind.
            byAnswer.merge(a.text(), 1, Integer::sum);
          }
        }
      }
      byAnswer.forEach(
          (k, n) ->
              report.info("messaging probed directly, stop to first 200 after promotion: " + k, n));
      report.info("messaging probed directly: non-200 answers after the stop", failedAfterStop);
      report.check("messaging probed directly: answers 500", fiveHundreds, 0);
      report.info(
          "messaging probed directly: stop to the first 200 after the promotion (ms)",
          firstOkAfterPromotion < 0 ? -1 : firstOkAfterPromotion - f.stoppedAt);
    }
  }

  /** The stop and the promotion on their own thread, and the timeline. */
  private final class Failover implements Runnable {
    private final FailoverStack stack;
    private final long loadStartNanos;
    private final List<Faults.Event> timeline = new ArrayList<>();
    private volatile Throwable failure;
    private volatile long stoppedAt;
    private volatile long promotedAt;
    private volatile long endNanos;

    Failover(FailoverStack stack, long loadStartNanos) {
      this.stack = stack;
      this.loadStartNanos = loadStartNanos;
    }

    @Override
    public void run() {
      try {
        long due = options.windowMillis() * options.stopAtPercent() / 100;
        long wait = due - sinceStartMs();
        if (wait > 0) {
          Thread.sleep(wait);
        }
        String replication = stack.postgres.replicationState();
        long start = sinceStartMs();
        Log.say("fault: stop the PostgreSQL primary (immediate); replication " + replication);
        stack.postgres.stopPrimary();
        stoppedAt = System.currentTimeMillis();
        add(
            start,
            "stop the PostgreSQL primary (pg_ctlcluster stop -m immediate)",
            stack.postgres.primary()
                + " on 127.0.0.1:"
                + stack.postgres.primaryPort()
                + "; replication just before: "
                + replication);
        Thread.sleep(options.promoteAfterSeconds() * 1000L);
        start = sinceStartMs();
        long promoteAt = System.currentTimeMillis();
        Log.say("fault: promote the standby");
        stack.postgres.promoteStandby(Duration.ofMinutes(1));
        promotedAt = System.currentTimeMillis();
        add(
            start,
            "promote the standby (pg_ctlcluster promote)",
            stack.postgres.standby()
                + " on 127.0.0.1:"
                + stack.postgres.standbyPort()
                + " out of recovery "
                + (promotedAt - promoteAt)
                + " ms after the promote, "
                + (promotedAt - stoppedAt)
                + " ms after the stop");
      } catch (Throwable t) {
        failure = t;
        Log.say("failover failed: " + t);
      } finally {
        endNanos = System.nanoTime();
      }
    }

    private void add(long start, String fault, String detail) {
      Log.say("fault done: " + fault + ": " + detail);
      synchronized (timeline) {
        timeline.add(new Faults.Event(start, sinceStartMs(), fault, detail));
      }
    }

    private long sinceStartMs() {
      return (System.nanoTime() - loadStartNanos) / 1_000_000;
    }

    List<Faults.Event> timeline() {
      synchronized (timeline) {
        return List.copyOf(timeline);
      }
    }
  }
}
