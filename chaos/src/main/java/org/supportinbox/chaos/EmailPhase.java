package org.supportinbox.chaos;

import com.rabbitmq.client.Channel;
import java.sql.Connection;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.supportinbox.testing.FunctionUnderTest;

/**
 * The email phase of a run, beside the chat load and its faults: customers' mails into the support
 * mailbox, an operator answering each, two mail function replicas, and two faults of its own on a
 * thread of its own:
 *
 * <ol>
 *   <li>5% of the sending window: SIGKILL a mail function replica, the one holding a delivery's
 *       claim if one does within 10 s (the claim is then left to lapse), and start a new one;
 *   <li>then: the outbound SMTP server stopped for {@code smtp-outage} s and started again on the
 *       same port; the replies waiting when it is back are followed until all are sent (the
 *       outage's pause).
 * </ol>
 *
 * <p>Then {@link #settleAndCheck} waits until every mail is stored, answered and its reply's mail
 * settled, and writes the ledger: mails accepted by the mail server = mails stored (once each, by
 * {@code Message-ID}); replies queued = replies received by the customers' mailboxes, each reply's
 * {@code Message-ID} exactly once, losses and duplicates counted apart.
 */
final class EmailPhase {

  /** How long after the chat checks the mail may take to settle (a lapsed claim is 120 s). */
  static final Duration SETTLE = Duration.ofMinutes(6);

  private final ChaosOptions options;
  private final ChaosStack stack;
  private final MailSide mail;
  private final EmailLoad load;
  private final long loadStartNanos;
  private final List<Faults.Event> timeline = new ArrayList<>();
  private final List<Instant> faultInstants = new ArrayList<>();
  private Thread sender;
  private Thread replier;
  private Thread faults;
  private volatile Throwable failure;
  private volatile long backlogAtSmtpUp = -1;
  private volatile long drainMillis = -1;
  private volatile boolean victimHeldClaim;
  private volatile long lastFaultEndNanos;
  private volatile long smtpUpNanos;
  private volatile Set<String> backlog = Set.of();
  private volatile Set<String> leftByKill = Set.of();
  private volatile Instant killedAt;

  EmailPhase(
      ChaosOptions options,
      ChaosStack stack,
      MailSide mail,
      String operatorToken,
      String runId,
      long loadStartNanos) {
    this.options = options;
    this.stack = stack;
    this.mail = mail;
    this.loadStartNanos = loadStartNanos;
    this.load =
        new EmailLoad(
            mail,
            stack.messagingDb,
            stack.gateways.stream().map(g -> g.baseUrl()).toList(),
            operatorToken,
            Duration.ofSeconds(options.sendGiveUpSeconds()),
            runId);
  }

  /** Starts the mails (over the first 60% of the window), the operator and the faults. */
  void start() {
    sender =
        new Thread(
            () -> {
              try {
                load.sendMails(options.mails(), options.windowMillis() * 60 / 100);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "email-customers");
    replier = new Thread(load::replyLoop, "email-operator");
    faults = new Thread(this::faults, "email-faults");
    sender.start();
    replier.start();
    faults.start();
  }

  private void faults() {
    long window = options.windowMillis();
    try {
      at(window * 5 / 100, "SIGKILL a mail function replica", this::killReplica);
      at(
          0,
          "SMTP server down",
          () -> {
            mail.smtpDown();
            Thread.sleep(options.smtpOutageSeconds() * 1000L);
            mail.smtpUp();
            smtpUpNanos = System.nanoTime();
            // What waits for the server: every unsettled delivery but the one whose claim the
            // killed replica left behind (it waits for its lease, not for the server).
            Set<String> waiting = unsettled();
            waiting.removeAll(leftByKill);
            backlogAtSmtpUp = waiting.size();
            backlog = waiting;
            return "outbound SMTP server stopped for "
                + options.smtpOutageSeconds()
                + " s, started again on the same port; "
                + waiting.size()
                + " replies waiting for it";
          });
      Log.say("email: " + awaitSent(backlog, smtpUpNanos) + " after the SMTP server was back");
    } catch (Throwable t) {
      failure = t;
      Log.say("email fault failed: " + t);
    }
  }

  /** Kills the replica holding a claim, if one does within 10 s, else the oldest. */
  private String killReplica() throws Exception {
    FunctionUnderTest victim = null;
    Set<String> held = new HashSet<>();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try (Connection c = stack.messagingDb.connect()) {
      while (victim == null && System.nanoTime() < until) {
        Map<String, Set<String>> holders = new HashMap<>();
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "select claimed_by, message_id::text from email_deliveries"
                        + " where status = 'sending'")) {
          while (rs.next()) {
            holders.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
          }
        }
        for (FunctionUnderTest f : mail.running()) {
          Set<String> ids = holders.get(MailSide.worker(f));
          if (ids != null) {
            victim = f;
            held.addAll(ids);
            break;
          }
        }
        if (victim == null) {
          Thread.sleep(20);
        }
      }
    }
    victimHeldClaim = victim != null;
    leftByKill = held;
    if (victim == null) {
      victim = mail.running().get(0);
    }
    killedAt = Instant.now();
    return mail.kill(victim)
        + (victimHeldClaim
            ? "; it held the claim of " + held.size() + " delivery(ies), left to lapse"
            : "; it held no claim then");
  }

  /** The deliveries of replies not settled now (queued or sending). */
  private Set<String> unsettled() throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection c = stack.messagingDb.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select message_id::text from email_deliveries"
                    + " where status in ('queued', 'sending')")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** Waits (up to 4 min) until every one of {@code ids} is settled; says how long it took. */
  private String awaitSent(Set<String> ids, long since) throws Exception {
    long deadline = since + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline) {
      Set<String> still = unsettled();
      still.retainAll(ids);
      if (still.isEmpty()) {
        drainMillis = (System.nanoTime() - since) / 1_000_000;
        return ids.size() + " replies waiting for it all settled " + drainMillis + " ms";
      }
      Thread.sleep(250);
    }
    return "not all of " + ids.size() + " replies waiting for it settled within 4 min";
  }

  private void at(long dueMs, String fault, Callable<String> action) throws Exception {
    long wait = dueMs - sinceStartMs();
    if (wait > 0) {
      Thread.sleep(wait);
    }
    long start = sinceStartMs();
    synchronized (faultInstants) {
      faultInstants.add(Instant.now());
    }
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

  /**
   * Waits for the mails to be sent, the faults to end and everything to settle (up to {@link
   * #SETTLE}), then writes the phase's ledger into {@code report}.
   */
  void settleAndCheck(Report report) throws Exception {
    sender.join(TimeUnit.MINUTES.toMillis(10));
    faults.join(TimeUnit.MINUTES.toMillis(10));
    synchronized (timeline) {
      report.timeline.addAll(timeline);
    }
    if (failure != null) {
      report.note("an email fault could not be done: " + failure);
    }
    report.check("email faults done (of 2)", timeline.size(), 2);
    long deadline = System.nanoTime() + SETTLE.toNanos();
    Set<String> acceptedIds = new HashSet<>();
    load.mails().stream().filter(m -> m.accepted).forEach(m -> acceptedIds.add(m.messageId));
    try (Connection db = stack.messagingDb.connect()) {
      while (true) {
        long stored = storedMails(db).keySet().stream().filter(acceptedIds::contains).count();
        long replies = load.replies().size();
        Set<String> open = unsettled();
        boolean settled =
            stored == acceptedIds.size()
                && replies >= stored
                && load.repliesAnswered()
                && open.isEmpty();
        if (settled || System.nanoTime() > deadline) {
          Log.say(
              "email: "
                  + stored
                  + "/"
                  + acceptedIds.size()
                  + " mails stored, "
                  + replies
                  + " replies asked, "
                  + open.size()
                  + " deliveries not settled"
                  + (settled ? "" : " at the deadline"));
          break;
        }
        Thread.sleep(1000);
      }
      // Retries still in the queues must find every delivery sent and send nothing more.
      Thread.sleep(8_000);
      load.stopReplying();
      replier.join(5_000);
      checkMails(db, acceptedIds, report);
      checkReplies(db, report);
    }
    checkDeadLetters(report);
  }

  /** email_message_id → rows, for this run's customer mails. */
  private static Map<String, Long> storedMails(Connection db) throws SQLException {
    Map<String, Long> rows = new HashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select email_message_id, count(*) from messages"
                    + " where email_message_id like 'chaos-mail-%' group by 1")) {
      while (rs.next()) {
        rows.put(rs.getString(1), rs.getLong(2));
      }
    }
    return rows;
  }

  private void checkMails(Connection db, Set<String> acceptedIds, Report report)
      throws SQLException {
    List<EmailLoad.Mail> mails = load.mails();
    Map<String, Long> stored = storedMails(db);
    long lost = acceptedIds.stream().filter(id -> !stored.containsKey(id)).count();
    long twice = stored.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    long unknown = stored.keySet().stream().filter(id -> !acceptedIds.contains(id)).count();
    report.info("email: customer mails sent", mails.size());
    report.check(
        "email: mails accepted by the support mail server (SMTP)",
        acceptedIds.size(),
        mails.size());
    report.check("email: mails lost (accepted, not stored)", lost, 0);
    report.check("email: mails stored more than once (same Message-ID)", twice, 0);
    report.check("email: mails stored that no customer sent", unknown, 0);
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery("select count(*) from conversations where channel = 'email'")) {
      rs.next();
      report.check("email: email conversations, one per mail", rs.getLong(1), acceptedIds.size());
    }
    report.check("email: mails left unread in the support mailbox", mail.unseenInMailbox(), 0);
    acceptedIds.stream()
        .filter(id -> !stored.containsKey(id))
        .limit(10)
        .forEach(id -> report.note("email: mail lost: " + id));
    mails.stream()
        .filter(m -> !m.accepted)
        .limit(5)
        .forEach(m -> report.note("email: mail not accepted: " + m.messageId + " " + m.failure));
  }

  private void checkReplies(Connection db, Report report) throws Exception {
    List<EmailLoad.Reply> replies = load.replies();
    Map<String, String> customerOf = new HashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select id::text, customer_email from conversations where channel = 'email'")) {
      while (rs.next()) {
        customerOf.put(rs.getString(1), rs.getString(2));
      }
    }
    long accepted = replies.stream().filter(EmailLoad.Reply::accepted).count();
    report.check(
        "email: conversations answered (reply 2xx from a gateway)", accepted, customerOf.size());
    report.check(
        "email: replies given up or refused",
        replies.stream().filter(r -> !r.accepted()).count(),
        0);
    report.info("email: reply requests retried (failed attempts)", load.replyFailures());

    // Each reply's delivery: its status and attempts.
    Map<String, String> status = new HashMap<>();
    Map<String, String> conversationOf = new HashMap<>();
    long attempts = 0;
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select d.message_id::text, d.status, d.attempts, d.conversation_id::text,"
                    + " d.last_error from email_deliveries d")) {
      while (rs.next()) {
        status.put(rs.getString(1), rs.getString(2));
        attempts += rs.getInt(3);
        conversationOf.put(rs.getString(1), rs.getString(4));
        if (!"sent".equals(rs.getString(2))) {
          report.note(
              "email: delivery "
                  + rs.getString(1)
                  + " "
                  + rs.getString(2)
                  + ": "
                  + rs.getString(5));
        }
      }
    }
    report.check("email: deliveries queued, one per reply", status.size(), accepted);
    report.check(
        "email: replies whose delivery is missing",
        replies.stream().filter(r -> r.accepted() && !status.containsKey(r.messageId)).count(),
        0);
    report.check(
        "email: deliveries sent",
        status.values().stream().filter("sent"::equals).count(),
        status.size());
    report.check(
        "email: deliveries left queued or sending",
        status.values().stream().filter(v -> v.equals("queued") || v.equals("sending")).count(),
        0);
    report.check(
        "email: deliveries failed", status.values().stream().filter("failed"::equals).count(), 0);
    report.info("email: claims (send attempts) beyond one per delivery", attempts - status.size());

    // What the customers' mailboxes received, by the reply's Message-ID.
    List<MailSide.Received> received = mail.received();
    Map<String, List<MailSide.Received>> byId = new HashMap<>();
    for (MailSide.Received r : received) {
      byId.computeIfAbsent(r.messageId(), k -> new ArrayList<>()).add(r);
    }
    long lost = 0;
    long duplicates = 0;
    long explained = 0;
    long wrongRecipient = 0;
    List<Instant> faultsAt;
    synchronized (faultInstants) {
      faultsAt = List.copyOf(faultInstants);
    }
    for (Map.Entry<String, String> d : status.entrySet()) {
      String id = d.getKey() + "@" + MailSide.DOMAIN;
      List<MailSide.Received> copies = byId.getOrDefault(id, List.of());
      if (copies.isEmpty()) {
        lost++;
        report.note("email: reply never received: " + id + " (" + d.getValue() + ")");
        continue;
      }
      String customer = customerOf.get(conversationOf.get(d.getKey()));
      wrongRecipient +=
          copies.stream()
              .filter(c -> customer == null || !customer.equalsIgnoreCase(c.to()))
              .count();
      if (copies.size() > 1) {
        Instant first =
            copies.stream().map(MailSide.Received::receivedAt).min(Instant::compareTo).get();
        // The at-least-once window: the first copy taken by the SMTP server within a few seconds
        // before a fault (the server stopped or the sending replica killed) before the sending
        // was recorded. Any other second copy is a bug.
        boolean inWindow =
            faultsAt.stream()
                .anyMatch(
                    f -> !first.isAfter(f.plusSeconds(1)) && first.isAfter(f.minusSeconds(10)));
        if (inWindow) {
          explained += copies.size() - 1;
        } else {
          duplicates += copies.size() - 1;
        }
        report.note(
            "email: reply received "
                + copies.size()
                + "x: "
                + id
                + (inWindow ? " (first copy just before a fault: the at-least-once window)" : ""));
      }
    }
    Set<String> ours = new HashSet<>();
    status.keySet().forEach(k -> ours.add(k + "@" + MailSide.DOMAIN));
    long stray = received.stream().filter(r -> !ours.contains(r.messageId())).count();
    report.info("email: mails received by the customers' mailboxes", received.size());
    report.check("email: replies lost (never received)", lost, 0);
    report.check("email: replies received more than once (same Message-ID)", duplicates, 0);
    report.info(
        "email: of which second copies in the at-least-once window (SMTP took it, then a fault"
            + " before the record)",
        explained);
    report.check(
        "email: replies received by another address than the customer's", wrongRecipient, 0);
    report.check("email: mails received that are no reply's", stray, 0);
    report.checkAtLeast(
        "email: replies waiting when the SMTP server came back", backlogAtSmtpUp, 1);
    report.check(
        "email: those all settled within 4 min of its return (1 yes)", drainMillis >= 0 ? 1 : 0, 1);
    report.info(
        "email: ms from the SMTP server back until the replies waiting for it were all sent",
        drainMillis);
    report.info(
        "email: the killed replica held a delivery's claim (1 yes, 0 no)", victimHeldClaim ? 1 : 0);
    long leftSentAfter = -1;
    if (!leftByKill.isEmpty() && killedAt != null) {
      try (Statement s = db.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "select max(sent_at) from email_deliveries where message_id::text in ('"
                      + String.join("','", leftByKill)
                      + "')")) {
        if (rs.next() && rs.getTimestamp(1) != null) {
          leftSentAfter = Duration.between(killedAt, rs.getTimestamp(1).toInstant()).toMillis();
        }
      }
    }
    report.info(
        "email: ms from the SIGKILL until the reply whose claim it left was sent (-1: none)",
        leftSentAfter);
    report.info(
        "email: mails the replicas logged as sent (SMTP 250)",
        mail.logLines("sent mail of message_id="));
  }

  private void checkDeadLetters(Report report) throws Exception {
    try (com.rabbitmq.client.Connection c = stack.rabbit.connectionFactory().newConnection();
        Channel ch = c.createChannel()) {
      long depth = ch.queueDeclarePassive("mail.send.dead").getMessageCount();
      report.check("email: dead-lettered events (mail.send.dead)", depth, 0);
    }
  }

  long lastFaultEndNanos() {
    return lastFaultEndNanos;
  }
}
