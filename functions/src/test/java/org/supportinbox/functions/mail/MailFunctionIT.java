package org.supportinbox.functions.mail;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.supportinbox.testing.FunctionUnderTest;
import org.supportinbox.testing.MessagingUnderTest;
import org.supportinbox.testing.PayaraMicro;
import org.supportinbox.testing.TcpProxy;

/**
 * The mail function as a separate process against a real mail server (GreenMail: SMTP and IMAP on
 * loopback, started here), the real messaging WAR, PostgreSQL and RabbitMQ, and an analyze replica
 * with the embedded provider: the email channel end to end. Its SMTP connection goes through a
 * {@link TcpProxy}, which the outage test cuts.
 */
class MailFunctionIT {

  static final MessagingUnderTest MESSAGING = MessagingUnderTest.get();
  static final String SUPPORT = "support@support.example";
  static final String SMTP_USER = "support";
  static final String PASSWORD = "mailbox-password";

  static GreenMail greenMail;
  static GreenMailUser mailbox;
  static TcpProxy smtpProxy;
  static FunctionUnderTest mail;
  static FunctionUnderTest ai;
  static final Session SESSION = Session.getInstance(new Properties());

  /**
   * A failed test leaves the mail function's threads next to its log: a reader that waits where it
   * should not (a mail not read in time) shows where.
   */
  @RegisterExtension
  static final TestWatcher THREADS_ON_FAILURE =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          if (mail != null) {
            System.err.println(
                context.getDisplayName()
                    + " failed; mail function threads: "
                    + mail.saveThreadDump());
          }
        }
      };

  /** The mail function's ATTACHMENT_MAX_BYTES here: small, so one file is over it. */
  static final int ATTACHMENT_LIMIT = 200_000;

  /** A PNG's signature and IHDR: what Tika knows a PNG by. */
  static final byte[] PNG =
      java.util.HexFormat.of()
          .parseHex(
              "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                  + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082");

  @BeforeAll
  static void start() throws Exception {
    greenMail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(PayaraMicro.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(PayaraMicro.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
            });
    greenMail.start();
    mailbox = greenMail.setUser(SUPPORT, SMTP_USER, PASSWORD);
    smtpProxy = new TcpProxy("127.0.0.1", greenMail.getSmtp().getPort());

    Map<String, String> aiEnv = MESSAGING.stack().functionEnvironment("http://127.0.0.1:9");
    aiEnv.put("AI_PROVIDER", "embedded");
    ai = FunctionUnderTest.start("mail-it-ai", aiEnv);

    Map<String, String> settings = new HashMap<>();
    settings.put("MAIL_IMAP_HOST", "127.0.0.1");
    settings.put("MAIL_IMAP_PORT", Integer.toString(greenMail.getImap().getPort()));
    settings.put("MAIL_IMAP_TLS", "none");
    settings.put("MAIL_IMAP_USER", SMTP_USER);
    settings.put("MAIL_IMAP_PASSWORD", PASSWORD);
    settings.put("MAIL_SMTP_HOST", "127.0.0.1");
    settings.put("MAIL_SMTP_PORT", Integer.toString(smtpProxy.port()));
    settings.put("MAIL_SMTP_TLS", "none");
    settings.put("SUPPORT_ADDRESS", "ACME Support <" + SUPPORT + ">");
    settings.put("MAIL_POLL_INTERVAL", "1s");
    settings.put("ATTACHMENT_MAX_BYTES", Integer.toString(ATTACHMENT_LIMIT));
    settings.put("MAIL_TIMEOUT", "5s");
    settings.put("MAIL_RETRY_DELAYS", "1s,2s,2s,3s,3s,3s,5s,5s,5s,5s");
    mail =
        FunctionUnderTest.start(
            "mail-it-fn",
            "org.supportinbox.functions.mail.MailMain",
            MESSAGING.stack().mailFunctionEnvironment(settings));
    ai.awaitHealthy(Duration.ofSeconds(90));
    mail.awaitHealthy(Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (mail != null) {
      mail.close();
    }
    if (ai != null) {
      ai.close();
    }
    if (smtpProxy != null) {
      smtpProxy.close();
    }
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** A mail as a customer's program sends it, put into the support mailbox. */
  private static void arrives(String raw) throws Exception {
    MimeMessage m =
        new MimeMessage(
            SESSION,
            new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    mailbox.deliver(m);
  }

  private static String customerMail(
      String from, String messageId, String subject, String headers, String body) {
    return "From: Dana Buyer <"
        + from
        + ">\nTo: "
        + SUPPORT
        + "\nSubject: "
        + subject
        + "\nMessage-ID: <"
        + messageId
        + ">\nDate: Mon, 7 Dec 2026 10:00:00 +0000\n"
        + headers
        + "Content-Type: text/plain; charset=UTF-8\n\n"
        + body
        + "\n";
  }

  /** The conversation messaging stored the mail {@code messageId} in, or null. */
  private static String conversationOf(String messageId) throws Exception {
    try (java.sql.Connection c = MESSAGING.database.connect();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select conversation_id from messages where email_message_id = '"
                    + messageId.replace("'", "''")
                    + "'")) {
      return r.next() ? r.getString(1) : null;
    }
  }

  private static long count(String sql) throws Exception {
    try (java.sql.Connection c = MESSAGING.database.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String awaitConversation(String messageId) {
    return await("mail <" + messageId + "> stored")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> conversationOf(messageId), c -> c != null);
  }

  private static JsonPath thread(String conversationId) {
    return given()
        .baseUri(MESSAGING.url(""))
        .header("Authorization", "Bearer " + MESSAGING.operatorToken("olga"))
        .get("/conversations/" + conversationId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String reply(String conversationId, String content) {
    return given()
        .baseUri(MESSAGING.url(""))
        .header("Authorization", "Bearer " + MESSAGING.operatorToken("olga"))
        .contentType(ContentType.JSON)
        .body(Map.of("sender", "operator", "conversation_id", conversationId, "content", content))
        .post("/messages")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** The delivery status of message {@code messageId} in the thread. */
  private static String deliveryStatus(String conversationId, String messageId) {
    List<Map<String, Object>> messages = thread(conversationId).getList("messages");
    for (Map<String, Object> m : messages) {
      if (messageId.equals(m.get("id"))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) m.get("delivery");
        return d == null ? null : (String) d.get("status");
      }
    }
    return null;
  }

  /** The mails the SMTP server took for {@code to}. */
  private static List<MimeMessage> sentTo(String to) {
    return Arrays.stream(greenMail.getReceivedMessages())
        .filter(
            m -> {
              try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> a.toString().contains(to));
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }

  private static String header(MimeMessage m, String name) throws Exception {
    String[] values = m.getHeader(name);
    return values == null ? null : values[0];
  }

  // --- tests ---------------------------------------------------------------------------------

  @Test
  void aNewMailBecomesAConversationWithAnInsight() throws Exception {
    String from = "dana-" + unique() + "@customer.example";
    String id = "new-" + unique() + "@customer.example";
    arrives(
        customerMail(
            from,
            id,
            "My invoice is wrong",
            "",
            "Hello, the invoice 4711 charges me twice.\n\n-- \nDana Buyer\nBuyer Corp"));
    String conversation = awaitConversation(id);
    JsonPath t = thread(conversation);
    assertThat(t.getString("channel")).isEqualTo("email");
    assertThat(t.getString("customer.email")).isEqualTo(from);
    assertThat(t.getString("customer.name")).isEqualTo("Dana Buyer");
    assertThat(t.getString("messages[0].content"))
        .isEqualTo("Hello, the invoice 4711 charges me twice.");
    await("the insight of the normal pipeline")
        .atMost(Duration.ofSeconds(60))
        .until(() -> "available".equals(thread(conversation).getString("messages[0].ai.status")));
  }

  @Test
  void aReplyIsAThreadedMailAndTheAnswerJoinsTheConversation() throws Exception {
    String from = "erin-" + unique() + "@customer.example";
    String first = "q-" + unique() + "@customer.example";
    arrives(customerMail(from, first, "Refund", "", "Where is my refund?"));
    String conversation = awaitConversation(first);
    String replyId = reply(conversation, "It left our bank today.");
    await("the reply's mail sent")
        .atMost(Duration.ofSeconds(30))
        .until(() -> "sent".equals(deliveryStatus(conversation, replyId)));
    List<MimeMessage> sent = sentTo(from);
    assertThat(sent).hasSize(1);
    MimeMessage out = sent.get(0);
    assertThat(thread(conversation).getString("messages[1].delivery.email_message_id"))
        .isEqualTo(replyId + "@support.example");
    assertThat(header(out, "Message-ID")).isEqualTo("<" + replyId + "@support.example>");
    assertThat(header(out, "In-Reply-To")).isEqualTo("<" + first + ">");
    assertThat(header(out, "References")).isEqualTo("<" + first + ">");
    assertThat(out.getFrom()[0].toString()).contains("olga").contains(SUPPORT);
    assertThat(out.getSubject()).matches("Re: Refund \\[#[a-z0-9]{12}\\]");
    String conversationToken = out.getSubject().replaceAll(".*\\[#([a-z0-9]{12})\\]", "$1");
    assertThat(out.getReplyTo()[0].toString())
        .contains("support+" + conversationToken + "@support.example");
    assertThat(((String) out.getContent()).strip()).isEqualTo("It left our bank today.");

    // The customer answers it, quoting the reply: the answer joins the conversation, trimmed.
    String answer = "a-" + unique() + "@customer.example";
    arrives(
        customerMail(
            from,
            answer,
            "Re: " + out.getSubject(),
            "In-Reply-To: <"
                + replyId
                + "@support.example>\nReferences: <"
                + first
                + "> <"
                + replyId
                + "@support.example>\n",
            "Got it, thanks!\n\nOn Mon, 7 Dec 2026 at 10:05, olga <"
                + SUPPORT
                + "> wrote:\n> It left our bank today."));
    assertThat(awaitConversation(answer)).isEqualTo(conversation);
    assertThat(thread(conversation).getString("messages[2].content")).isEqualTo("Got it, thanks!");

    // An answer whose program dropped the threading headers still joins by the subject's token.
    String bare = "b-" + unique() + "@customer.example";
    arrives(customerMail(from, bare, out.getSubject(), "", "One more question."));
    assertThat(awaitConversation(bare)).isEqualTo(conversation);
  }

  private static String emailToken(String conversation) throws Exception {
    try (java.sql.Connection c = MESSAGING.database.connect();
        Statement st = c.createStatement();
        ResultSet r =
            st.executeQuery(
                "select email_token from conversations where id = '" + conversation + "'")) {
      return r.next() ? r.getString(1) : null;
    }
  }

  /** A chat conversation started by a customer who left {@code email}, as the gateway starts it. */
  private static String chatWith(String email) {
    return given()
        .baseUri(MESSAGING.url(""))
        .header("Authorization", "Bearer " + MESSAGING.serviceToken())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "sender",
                "customer",
                "sender_name",
                "Gale Chat",
                "customer_email",
                email,
                "content",
                "Is my order on its way?"))
        .post("/messages")
        .then()
        .statusCode(201)
        .extract()
        .path("conversation_id");
  }

  @Test
  void aChatCustomerWhoLeftAnEmailGetsAnUnreadReplyByMailOnce() throws Exception {
    assertThat(MessagingUnderTest.EMAIL_FALLBACK_AFTER).isEqualTo("PT2S");
    String email = "gale-" + unique() + "@customer.example";
    String conversation = chatWith(email);
    String replyId = reply(conversation, "Yes, it ships tomorrow.");
    assertThat(thread(conversation).getString("messages[1].delivery.kind")).isEqualTo("fallback");
    assertThat(deliveryStatus(conversation, replyId)).isEqualTo("scheduled");
    assertThat(sentTo(email)).isEmpty();
    await("the fallback mailed after EMAIL_FALLBACK_AFTER")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> "sent".equals(deliveryStatus(conversation, replyId)));
    List<MimeMessage> sent = sentTo(email);
    assertThat(sent).hasSize(1);
    MimeMessage out = sent.get(0);
    assertThat(header(out, "Message-ID")).isEqualTo("<" + replyId + "@support.example>");
    assertThat(out.getFrom()[0].toString()).contains("olga").contains(SUPPORT);
    assertThat(out.getSubject()).matches("Re: Your chat \\[#[a-z0-9]{12}\\]");
    String conversationToken = out.getSubject().replaceAll(".*\\[#([a-z0-9]{12})\\]", "$1");
    assertThat(conversationToken).isEqualTo(emailToken(conversation));
    assertThat(out.getReplyTo()[0].toString())
        .contains("support+" + conversationToken + "@support.example");
    assertThat(((String) out.getContent()).strip()).isEqualTo("Yes, it ships tomorrow.");

    // The customer answers by mail: it joins the chat conversation.
    String answer = "g-" + unique() + "@customer.example";
    arrives(
        customerMail(
            email,
            answer,
            "Re: " + out.getSubject(),
            "In-Reply-To: <" + replyId + "@support.example>\n",
            "Great, thanks!"));
    assertThat(awaitConversation(answer)).isEqualTo(conversation);
    assertThat(thread(conversation).getString("channel")).isEqualTo("chat");
    // Sent once: nothing more arrives for that reply.
    Thread.sleep(3_000);
    assertThat(sentTo(email)).hasSize(1);
  }

  @Test
  void aChatCustomerWhoReadTheReplyFirstGetsNoMail() throws Exception {
    String email = "hal-" + unique() + "@customer.example";
    String conversation = chatWith(email);
    String replyId = reply(conversation, "Here is your answer.");
    // The chat page shows it and says so (the gateway's POST /customer/read).
    given()
        .baseUri(MESSAGING.url(""))
        .header("Authorization", "Bearer " + MESSAGING.serviceToken())
        .contentType(ContentType.JSON)
        .body(Map.of("message_id", replyId))
        .put("/conversations/" + conversation + "/customer-read")
        .then()
        .statusCode(200);
    assertThat(deliveryStatus(conversation, replyId)).isEqualTo("not_needed");
    // Well past its time (2 s, the alarm's 2 s, a send): still nothing.
    Thread.sleep(8_000);
    assertThat(deliveryStatus(conversation, replyId)).isEqualTo("not_needed");
    assertThat(sentTo(email)).isEmpty();
  }

  @Test
  void aReplyWithFilesIsMailedWithThemAsAttachmentParts() throws Exception {
    String from = "gus-" + unique() + "@customer.example";
    String first = "f-" + unique() + "@customer.example";
    arrives(customerMail(from, first, "Invoice copy", "", "Please send me the invoice."));
    String conversation = awaitConversation(first);
    byte[] pdf =
        "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    String pdfId = upload(conversation, "Rechnung M\u00e4rz.pdf", pdf);
    String pngId = upload(conversation, "chart.png", PNG);
    String replyId =
        given()
            .baseUri(MESSAGING.url(""))
            .header("Authorization", "Bearer " + MESSAGING.operatorToken("olga"))
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "sender",
                    "operator",
                    "conversation_id",
                    conversation,
                    "content",
                    "Here is your invoice.",
                    "attachment_ids",
                    List.of(pdfId, pngId)))
            .post("/messages")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    await("the reply's mail sent")
        .atMost(Duration.ofSeconds(30))
        .until(() -> "sent".equals(deliveryStatus(conversation, replyId)));
    List<MimeMessage> sent = sentTo(from);
    assertThat(sent).hasSize(1);
    MimeMessage out = sent.get(0);
    assertThat(out.getContentType()).startsWith("multipart/mixed");
    jakarta.mail.internet.MimeMultipart parts =
        (jakarta.mail.internet.MimeMultipart) out.getContent();
    assertThat(parts.getCount()).isEqualTo(3);
    assertThat(((String) parts.getBodyPart(0).getContent()).strip())
        .isEqualTo("Here is your invoice.");
    jakarta.mail.BodyPart invoice = parts.getBodyPart(1);
    assertThat(invoice.getDisposition()).isEqualTo(jakarta.mail.Part.ATTACHMENT);
    assertThat(invoice.getFileName()).isEqualTo("Rechnung M\u00e4rz.pdf");
    assertThat(String.join(" ", invoice.getHeader("Content-Disposition")))
        .contains("filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf");
    assertThat(invoice.getContentType()).startsWith("application/pdf");
    assertThat(invoice.getInputStream().readAllBytes()).isEqualTo(pdf);
    jakarta.mail.BodyPart chart = parts.getBodyPart(2);
    assertThat(chart.getFileName()).isEqualTo("chart.png");
    assertThat(chart.getContentType()).startsWith("image/png");
    assertThat(chart.getInputStream().readAllBytes()).isEqualTo(PNG);
  }

  /** An operator's upload to {@code conversationId}; its id. */
  private static String upload(String conversationId, String name, byte[] bytes) {
    return given()
        .baseUri(MESSAGING.url(""))
        .header("Authorization", "Bearer " + MESSAGING.operatorToken("olga"))
        .header(
            "X-Filename",
            java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
        .contentType("application/octet-stream")
        .body(bytes)
        .post("/conversations/" + conversationId + "/attachments")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void aReplyWaitsOutAnSmtpOutageAndIsSentOnce() throws Exception {
    String from = "finn-" + unique() + "@customer.example";
    String first = "o-" + unique() + "@customer.example";
    arrives(customerMail(from, first, "Outage", "", "Hello?"));
    String conversation = awaitConversation(first);
    smtpProxy.cut();
    String replyId;
    try {
      replyId = reply(conversation, "We are on it.");
      await("a failed try, queued again with its reason")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                JsonPath t = thread(conversation);
                return "queued".equals(t.getString("messages[1].delivery.status"))
                    && t.getInt("messages[1].delivery.attempts") >= 2
                    && t.getString("messages[1].delivery.last_error") != null;
              });
      assertThat(sentTo(from)).isEmpty();
    } finally {
      smtpProxy.restore();
    }
    await("sent once the server is back")
        .atMost(Duration.ofSeconds(60))
        .until(() -> "sent".equals(deliveryStatus(conversation, replyId)));
    assertThat(thread(conversation).getString("messages[1].delivery.last_error")).isNull();
    // Retries still in the queues find it sent and send nothing more.
    Thread.sleep(6_000);
    List<MimeMessage> sent = sentTo(from);
    assertThat(sent).hasSize(1);
    assertThat(header(sent.get(0), "Message-ID")).isEqualTo("<" + replyId + "@support.example>");
  }

  /**
   * A delivery left {@code sending} by a replica that is gone, with no event left for it (its
   * retries spent: what one chaos run met). Made here from a sent reply by putting its row back as
   * such a replica leaves it, the claim run out minutes ago, since a killed replica's own event is
   * redelivered to another and sent without help. Messaging's sweep queues it again and the
   * function sends on that event, though it is not the first: once more, with the same Message-ID.
   */
  @Test
  void aDeliveryLeftSendingByAGoneReplicaIsQueuedAgainAndSent() throws Exception {
    String from = "ivy-" + unique() + "@customer.example";
    String first = "s-" + unique() + "@customer.example";
    arrives(customerMail(from, first, "Stuck", "", "Any news?"));
    String conversation = awaitConversation(first);
    String replyId = reply(conversation, "Yes: it ships tomorrow.");
    await("the reply's mail sent")
        .atMost(Duration.ofSeconds(30))
        .until(() -> "sent".equals(deliveryStatus(conversation, replyId)));
    assertThat(sentTo(from)).hasSize(1);

    String where = " where message_id = '" + replyId + "'";
    try (java.sql.Connection c = MESSAGING.database.connect();
        Statement st = c.createStatement()) {
      st.executeUpdate(
          "update email_deliveries set status = 'sending', sent_at = null,"
              + " claimed_by = 'mail-function#gone', claimed_until = now() - interval '5 minutes'"
              + where);
    }
    await("queued again by the sweep, then sent by the function")
        .atMost(Duration.ofSeconds(60))
        .until(() -> "sent".equals(deliveryStatus(conversation, replyId)));
    assertThat(
            count(
                "select count(*) from outbox where event_type = 'email.delivery_changed'"
                    + " and payload->>'message_id' = '"
                    + replyId
                    + "' and (payload->>'requeued')::boolean"))
        .isEqualTo(1);
    List<MimeMessage> sent = sentTo(from);
    assertThat(sent).hasSize(2);
    for (MimeMessage m : sent) {
      assertThat(header(m, "Message-ID")).isEqualTo("<" + replyId + "@support.example>");
    }
  }

  @Test
  void theSameMailReadTwiceIsOneMessage() throws Exception {
    String from = "gil-" + unique() + "@customer.example";
    String id = "twice-" + unique() + "@customer.example";
    String raw = customerMail(from, id, "Twice", "", "Am I here twice?");
    double before = mail.metric("mail_inbound_total{result=\"duplicate\"}");
    arrives(raw);
    arrives(raw);
    await("the second copy read as a duplicate")
        .atMost(Duration.ofSeconds(30))
        .until(() -> mail.metric("mail_inbound_total{result=\"duplicate\"}") >= before + 1);
    assertThat(count("select count(*) from messages where email_message_id = '" + id + "'"))
        .isEqualTo(1);
  }

  @Test
  void anAutoReplyIsNotAnswered() throws Exception {
    String from = "hal-" + unique() + "@customer.example";
    String first = "h-" + unique() + "@customer.example";
    arrives(customerMail(from, first, "Question", "", "A question."));
    String conversation = awaitConversation(first);
    String replyId = reply(conversation, "An answer.");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "sent".equals(deliveryStatus(conversation, replyId)));

    double before = mail.metric("mail_inbound_total{result=\"skipped\"}");
    String auto = "ooo-" + unique() + "@customer.example";
    arrives(
        customerMail(
            from,
            auto,
            "Out of office: Re: Question",
            "Auto-Submitted: auto-replied\nIn-Reply-To: <" + replyId + "@support.example>\n",
            "I am away until Monday."));
    String bulk = "bulk-" + unique() + "@customer.example";
    arrives(customerMail(from, bulk, "Newsletter", "Precedence: bulk\n", "Our offers"));
    await("both skipped")
        .atMost(Duration.ofSeconds(30))
        .until(() -> mail.metric("mail_inbound_total{result=\"skipped\"}") >= before + 2);
    assertThat(conversationOf(auto)).isNull();
    assertThat(conversationOf(bulk)).isNull();
    assertThat(thread(conversation).getList("messages")).hasSize(2);
    assertThat(sentTo(from)).hasSize(1);
    assertThat(mail.log()).contains("Auto-Submitted: auto-replied");
  }

  @Test
  void aHugeAndABrokenMailAreRefusedAndLoggedAndTheReaderGoesOn() throws Exception {
    String from = "ivy-" + unique() + "@customer.example";
    double before = mail.metric("mail_inbound_total{result=\"refused\"}");
    String huge = "huge-" + unique() + "@customer.example";
    arrives(customerMail(from, huge, "Big", "", ("x".repeat(76) + "\n").repeat(280_000)));
    String broken = "broken-" + unique() + "@customer.example";
    arrives(
        "From: "
            + from
            + "\nTo: "
            + SUPPORT
            + "\nSubject: Broken\nMessage-ID: <"
            + broken
            + ">\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"nowhere\"\n\n"
            + "no boundary line at all\n");
    String after = "after-" + unique() + "@customer.example";
    arrives(customerMail(from, after, "Still there?", "", "Is the reader still there?"));
    awaitConversation(after);
    await("both refused")
        .atMost(Duration.ofSeconds(30))
        .until(() -> mail.metric("mail_inbound_total{result=\"refused\"}") >= before + 2);
    assertThat(conversationOf(huge)).isNull();
    assertThat(conversationOf(broken)).isNull();
    assertThat(mail.log())
        .contains("refused mail")
        .contains("too big")
        .contains("malformed MIME")
        .contains(broken);
    assertThat(mail.alive()).isTrue();
    assertThat(mail.healthy()).isTrue();
  }

  @Test
  void attachmentsAreKeptTypedByTheirBytesAndTheOverLimitAndBrokenOnesNoted() throws Exception {
    String from = "jo-" + unique() + "@customer.example";
    String id = "files-" + unique() + "@customer.example";
    java.util.Base64.Encoder mime = java.util.Base64.getMimeEncoder();
    String html = "<html><body><script>alert(document.cookie)</script></body></html>";
    byte[] big = new byte[ATTACHMENT_LIMIT + 1];
    java.util.Arrays.fill(big, (byte) 'z');
    String longName = "a-very-long-file-name-".repeat(12) + "end.png";
    arrives(
        "From: Jo Buyer <"
            + from
            + ">\nTo: "
            + SUPPORT
            + "\nSubject: Photos\nMessage-ID: <"
            + id
            + ">\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n"
            + "--b1\nContent-Type: text/plain; charset=UTF-8\n\nThe kettle, see the photo.\n"
            // a PNG declared as something else, with a path in its (RFC 2047) name
            + "--b1\nContent-Type: application/octet-stream; name=\"x\"\n"
            + "Content-Disposition: attachment; filename=\"=?UTF-8?B?"
            + java.util.Base64.getEncoder()
                .encodeToString(("../../etc/kättle " + longName).getBytes(StandardCharsets.UTF_8))
            + "?=\"\nContent-Transfer-Encoding: base64\n\n"
            + mime.encodeToString(PNG)
            + "\n"
            // HTML declared as an image
            + "--b1\nContent-Type: image/png\nContent-Disposition: attachment; filename=\"evil.png\""
            + "\nContent-Transfer-Encoding: base64\n\n"
            + mime.encodeToString(html.getBytes(StandardCharsets.UTF_8))
            + "\n"
            // over ATTACHMENT_MAX_BYTES
            + "--b1\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"big.pdf\""
            + "\nContent-Transfer-Encoding: base64\n\n"
            + mime.encodeToString(big)
            + "\n"
            // a broken part: not base64 at all
            + "--b1\nContent-Type: application/pdf\nContent-Disposition: attachment;"
            + " filename=\"broken.pdf\"\nContent-Transfer-Encoding: base64\n\n"
            + "QUJDRA\nR\n"
            + "--b1--\n");
    String conversation = awaitConversation(id);
    JsonPath t = thread(conversation);
    String content = t.getString("messages[0].content");
    assertThat(content)
        .startsWith("The kettle, see the photo.")
        .contains("[Attachment \"big.pdf\" was not kept: larger than 195 KB]")
        .contains("[Attachment \"broken.pdf\" was not kept: it could not be decoded");
    List<Map<String, Object>> files = t.getList("messages[0].attachments");
    assertThat(files).hasSize(2);
    assertThat(files.get(0).get("content_type")).isEqualTo("image/png");
    assertThat((String) files.get(0).get("filename"))
        .startsWith("kättle a-very-long")
        .endsWith(".png")
        .doesNotContain("/")
        .hasSizeLessThanOrEqualTo(200);
    assertThat(((Number) files.get(0).get("size")).intValue()).isEqualTo(PNG.length);
    assertThat(files.get(1).get("content_type")).isEqualTo("text/html");
    assertThat(files.get(1).get("filename")).isEqualTo("evil.png");

    byte[] png =
        given()
            .baseUri(MESSAGING.url(""))
            .header("Authorization", "Bearer " + MESSAGING.operatorToken("olga"))
            .get("/attachments/" + files.get(0).get("id"))
            .then()
            .statusCode(200)
            .contentType("image/png")
            .header("Content-Disposition", org.hamcrest.Matchers.startsWith("inline;"))
            .extract()
            .asByteArray();
    assertThat(png).isEqualTo(PNG);
    given()
        .baseUri(MESSAGING.url(""))
        .header("Authorization", "Bearer " + MESSAGING.operatorToken("olga"))
        .get("/attachments/" + files.get(1).get("id"))
        .then()
        .statusCode(200)
        .contentType("application/octet-stream")
        .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("sandbox"))
        .header("X-Content-Type-Options", "nosniff");
    assertThat(
            count(
                "select count(*) from attachments a join messages m on m.id = a.message_id"
                    + " where m.email_message_id = '"
                    + id
                    + "'"))
        .isEqualTo(2);
    assertThat(mail.log())
        .contains("attachment \"big.pdf\" dropped: larger than")
        .contains("attachment \"broken.pdf\" dropped: it could not be decoded");
    assertThat(mail.alive()).isTrue();
  }
}
