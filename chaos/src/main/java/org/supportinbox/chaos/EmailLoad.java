package org.supportinbox.chaos;

import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.contracts.rest.OperatorReply;
import org.supportinbox.testing.CustomerClient;
import org.supportinbox.testing.JsonWire;
import org.supportinbox.testing.TestDatabase;

/**
 * The email phase's load: customers' mails sent to the support address at a steady rate (each
 * accepted or not by the inbound SMTP server: the ledger's first column), and an operator who
 * answers every email conversation as soon as it is stored, through the gateways' {@code POST
 * /messages} (alternating gateways, retried with the same {@code client_message_id} until a 2xx or
 * {@code give-up}), which queues the reply's mail.
 */
final class EmailLoad {

  /** One customer mail. */
  static final class Mail {
    final int index;
    final String messageId;
    volatile boolean accepted;
    volatile String failure;

    Mail(int index, String messageId) {
      this.index = index;
      this.messageId = messageId;
    }
  }

  /** The operator's reply to one email conversation. */
  static final class Reply {
    final String conversationId;
    final String clientId;
    volatile int status;
    volatile String messageId;
    volatile boolean gaveUp;
    volatile String failure;

    Reply(String conversationId, String clientId) {
      this.conversationId = conversationId;
      this.clientId = clientId;
    }

    boolean accepted() {
      return status >= 200 && status < 300;
    }

    boolean done() {
      return gaveUp || status != 0;
    }
  }

  private final MailSide mail;
  private final TestDatabase db;
  private final List<String> gatewayUrls;
  private final String operatorToken;
  private final Duration giveUp;
  private final String runId;
  private final List<Mail> mails = new ArrayList<>();
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final AtomicInteger replyFailures = new AtomicInteger();
  private final CustomerClient http;
  private volatile boolean stopReplying;

  EmailLoad(
      MailSide mail,
      TestDatabase db,
      List<String> gatewayUrls,
      String operatorToken,
      Duration giveUp,
      String runId) {
    this.mail = mail;
    this.db = db;
    this.gatewayUrls = gatewayUrls;
    this.operatorToken = operatorToken;
    this.giveUp = giveUp;
    this.runId = runId;
    this.http = new CustomerClient(gatewayUrls.get(0));
  }

  /** Sends {@code count} mails evenly over {@code spreadMillis}; returns when all were tried. */
  void sendMails(int count, long spreadMillis) throws InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + TimeUnit.MILLISECONDS.toNanos(spreadMillis * i / count);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      Mail m = new Mail(i, "chaos-mail-" + i + "-" + runId + "@" + MailSide.CUSTOMER_DOMAIN);
      synchronized (mails) {
        mails.add(m);
      }
      try {
        mail.sendCustomerMail(i, m.messageId, runId);
        m.accepted = true;
      } catch (Exception e) {
        m.failure = e.toString();
        Log.say("mail " + m.messageId + " not accepted: " + e);
      }
    }
    Log.say(count + " customer mails sent, " + accepted() + " accepted by the mail server");
  }

  /**
   * The operator: every 500 ms, answers each email conversation of this run not answered yet. Runs
   * until {@link #stopReplying()}.
   */
  void replyLoop() {
    int g = 0;
    while (!stopReplying) {
      try (Connection c = db.connect();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "select m.conversation_id::text from messages m"
                      + " join conversations c on c.id = m.conversation_id"
                      + " where c.channel = 'email' and m.sender = 'customer'"
                      + " and m.email_message_id like 'chaos-mail-%'")) {
        while (rs.next()) {
          String conversation = rs.getString(1);
          if (replies.containsKey(conversation)) {
            continue;
          }
          Reply r = new Reply(conversation, "chaos-reply-" + conversation);
          replies.put(conversation, r);
          send(r, gatewayUrls.get(g++ % gatewayUrls.size()));
        }
      } catch (SQLException e) {
        Log.say("email replies: the database cannot be read now: " + e);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void send(Reply r, String gateway) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(gateway + "/messages"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + operatorToken)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JsonWire.write(
                        new OperatorReply(
                            UUID.fromString(r.conversationId),
                            "Thank you for your mail; your order left our warehouse today.",
                            r.clientId,
                            null))))
            .build();
    http.retried(
            request,
            giveUp,
            (kind, detail) -> {
              replyFailures.incrementAndGet();
              r.failure = detail;
            })
        .thenAccept(
            o -> {
              if (o.response() == null) {
                r.gaveUp = true;
                Log.say("gave up on the reply to " + r.conversationId + ": " + r.failure);
                return;
              }
              if (o.accepted()) {
                r.messageId = JsonWire.read(o.response().body(), MessageView.class).id().toString();
              } else {
                r.failure = "HTTP " + o.response().statusCode() + " " + o.response().body();
                Log.say("reply to " + r.conversationId + " refused: " + r.failure);
              }
              r.status = o.response().statusCode();
            });
  }

  void stopReplying() {
    stopReplying = true;
  }

  List<Mail> mails() {
    synchronized (mails) {
      return List.copyOf(mails);
    }
  }

  long accepted() {
    return mails().stream().filter(m -> m.accepted).count();
  }

  List<Reply> replies() {
    return List.copyOf(replies.values());
  }

  /** Whether every reply asked for has its answer (accepted, refused or given up). */
  boolean repliesAnswered() {
    return replies.values().stream().allMatch(Reply::done);
  }

  int replyFailures() {
    return replyFailures.get();
  }
}
