package org.supportinbox.messaging.api.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.supportinbox.messaging.api.rest.Api.asMailFunction;
import static org.supportinbox.messaging.api.rest.Api.asOperator;
import static org.supportinbox.messaging.api.rest.Api.asService;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.MessagingUnderTest;

/**
 * The email fallback of chat conversations: an operator's reply to a chat customer who left an
 * email is scheduled for {@code EMAIL_FALLBACK_AFTER} (a week here, {@link
 * MessagingUnderTest#EMAIL_FALLBACK_AFTER}), queued for the mail function when it falls due unread,
 * and settled {@code not_needed} when the customer read it first (their read route, or at claim
 * time); notes and customers without an email get none. A due time is brought forward in the
 * database instead of waiting: the alarm and the claim read it from there.
 */
class EmailFallbackIT {

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** A chat conversation started by a customer who left {@code email} (null: none). */
  private static String chat(String email) {
    String body =
        "{\"sender\":\"customer\",\"sender_name\":\"Ann Lee\","
            + (email == null ? "" : "\"customer_email\":\"" + email + "\",")
            + "\"content\":\"Where is my parcel?\"}";
    return asService()
        .body(body)
        .post("/messages")
        .then()
        .statusCode(201)
        .extract()
        .path("conversation_id");
  }

  private static JsonPath reply(String conversation, String content, boolean note) {
    return asOperator("olga")
        .body(
            "{\"sender\":\"operator\",\"conversation_id\":\""
                + conversation
                + "\",\"content\":\""
                + content
                + "\""
                + (note ? ",\"internal\":true" : "")
                + "}")
        .post("/messages")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  /** The email.delivery_changed statuses of a reply, in the order they were written. */
  private static String events(String replyId) {
    return Api.query(
        "select string_agg(payload->>'status', ',' order by id) from outbox"
            + " where event_type = 'email.delivery_changed' and payload->>'message_id' = '"
            + replyId
            + "'");
  }

  private static void bringForward(String replyId) {
    Api.execute(
        "update email_deliveries set due_at = now() - interval '1 second' where message_id = '"
            + replyId
            + "'");
  }

  private static String status(String replyId) {
    return Api.query("select status from email_deliveries where message_id = '" + replyId + "'");
  }

  private static void await(String what, Supplier<Boolean> condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!condition.get()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within 20 s: " + what);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void aReplyToACustomerWithAnEmailSchedulesItsFallbackAndItIsNotSentBeforeItsTime() {
    String email = "ann-" + unique() + "@customer.example";
    String conversation = chat(email);
    JsonPath r = reply(conversation, "It is on its way.", false);
    String replyId = r.getString("id");
    assertThat(r.getString("delivery.kind")).isEqualTo("fallback");
    assertThat(r.getString("delivery.status")).isEqualTo("scheduled");
    assertThat(Instant.parse(r.getString("delivery.due_at")))
        .isEqualTo(
            Instant.parse(r.getString("created_at"))
                .plus(Duration.parse(MessagingUnderTest.EMAIL_FALLBACK_AFTER)));
    assertThat(events(replyId)).isEqualTo("scheduled");
    assertThat(
            Api.query(
                "select payload->>'kind' || ' ' || (payload->>'due_at') from outbox where"
                    + " event_type = 'email.delivery_changed' and payload->>'message_id' = '"
                    + replyId
                    + "'"))
        .startsWith("fallback ");
    // The conversation got a token for the fallback mail's reply address.
    assertThat(Api.query("select email_token from conversations where id = '" + conversation + "'"))
        .matches("[a-z0-9]{12}");
    asOperator("olga")
        .get("/conversations/" + conversation)
        .then()
        .statusCode(200)
        .body("channel", equalTo("chat"))
        .body("messages[1].delivery.status", equalTo("scheduled"))
        .body("messages[1].delivery.kind", equalTo("fallback"));

    // Before its time no replica gets it, and nothing changes.
    asMailFunction("mail-a")
        .post("/email/deliveries/" + replyId + "/claim")
        .then()
        .statusCode(200)
        .body("granted", equalTo(false))
        .body("delivery.status", equalTo("scheduled"))
        .body("delivery.attempts", equalTo(0));
    assertThat(status(replyId)).isEqualTo("scheduled");
  }

  @Test
  void notesAndCustomersWithoutAnEmailGetNoFallback() {
    String withEmail = chat("bo-" + unique() + "@customer.example");
    assertThat(reply(withEmail, "check the courier", true).getString("delivery")).isNull();
    String without = chat(null);
    assertThat(reply(without, "Hello!", false).getString("delivery")).isNull();
    assertThat(
            Api.query(
                "select count(*) from email_deliveries where conversation_id in ('"
                    + withEmail
                    + "', '"
                    + without
                    + "')"))
        .isEqualTo("0");
    assertThat(Api.query("select email_token from conversations where id = '" + without + "'"))
        .isNull();
  }

  @Test
  void anUnreadFallbackIsQueuedWhenDueAndClaimedAsAMailToTheCustomer() {
    String email = "cy-" + unique() + "@customer.example";
    String conversation = chat(email);
    String replyId = reply(conversation, "Your refund left today.", false).getString("id");
    String token =
        Api.query("select email_token from conversations where id = '" + conversation + "'");
    bringForward(replyId);
    await("the alarm queues it", () -> "queued".equals(status(replyId)));
    assertThat(events(replyId)).isEqualTo("scheduled,queued");
    assertThat(
            Api.query(
                "select payload->>'attempts' from outbox where event_type ="
                    + " 'email.delivery_changed' and payload->>'message_id' = '"
                    + replyId
                    + "' and payload->>'status' = 'queued'"))
        .isEqualTo("0");

    JsonPath claim =
        asMailFunction("mail-a")
            .post("/email/deliveries/" + replyId + "/claim")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(claim.getBoolean("granted")).isTrue();
    assertThat(claim.getString("delivery.kind")).isEqualTo("fallback");
    assertThat(claim.getString("to_address")).isEqualTo(email);
    assertThat(claim.getString("to_name")).isEqualTo("Ann Lee");
    assertThat(claim.getString("from_name")).isEqualTo("olga");
    assertThat(claim.getString("subject")).isEqualTo("Re: Your chat [#" + token + "]");
    assertThat(claim.getString("token")).isEqualTo(token);
    assertThat(claim.getString("content")).isEqualTo("Your refund left today.");

    // Reading it now is too late: the mail is being sent, and goes.
    asService().put("/conversations/" + conversation + "/customer-read").then().statusCode(200);
    assertThat(status(replyId)).isEqualTo("sending");
    asMailFunction("mail-a")
        .body("{\"outcome\":\"sent\",\"email_message_id\":\"" + replyId + "@support.example\"}")
        .post("/email/deliveries/" + replyId + "/report")
        .then()
        .statusCode(200)
        .body("status", equalTo("sent"));
  }

  @Test
  void aCustomerWhoReadsTheReplyFirstGetsNoMail() {
    String conversation = chat("di-" + unique() + "@customer.example");
    String first = reply(conversation, "First answer.", false).getString("id");
    String second = reply(conversation, "Second answer.", false).getString("id");

    // Read up to the first reply: its fallback is not needed, the second's still waits.
    asService()
        .body("{\"message_id\":\"" + first + "\"}")
        .put("/conversations/" + conversation + "/customer-read")
        .then()
        .statusCode(200)
        .body("conversation_id", equalTo(conversation))
        .body("read_up_to", equalTo(asOperatorCreatedAt(conversation, 1)));
    assertThat(status(first)).isEqualTo("not_needed");
    assertThat(status(second)).isEqualTo("scheduled");
    assertThat(events(first)).isEqualTo("scheduled,not_needed");

    // A late, older mark does not move the position back.
    String customerMessage =
        Api.query(
            "select id from messages where conversation_id = '"
                + conversation
                + "' and sender = 'customer'");
    asService()
        .body("{\"message_id\":\"" + customerMessage + "\"}")
        .put("/conversations/" + conversation + "/customer-read")
        .then()
        .statusCode(200)
        .body("read_up_to", equalTo(asOperatorCreatedAt(conversation, 1)));

    // Without a body: up to the latest message, the second reply included.
    asService().put("/conversations/" + conversation + "/customer-read").then().statusCode(200);
    assertThat(status(second)).isEqualTo("not_needed");

    // Falling due changes nothing, and no replica gets it.
    bringForward(first);
    bringForward(second);
    asMailFunction("mail-a")
        .post("/email/deliveries/" + second + "/claim")
        .then()
        .statusCode(200)
        .body("granted", equalTo(false))
        .body("delivery.status", equalTo("not_needed"));
    assertThat(events(second)).isEqualTo("scheduled,not_needed");
    asOperator("olga")
        .get("/conversations/" + conversation)
        .then()
        .body("messages[1].delivery.status", equalTo("not_needed"))
        .body("messages[2].delivery.status", equalTo("not_needed"));
  }

  @Test
  void aReadRecordedJustBeforeItFallsDueSettlesItNotNeeded() {
    String conversation = chat("ed-" + unique() + "@customer.example");
    String replyId = reply(conversation, "Done.", false).getString("id");
    // The position as an instance that crashed before settling the rows would have left it.
    Api.execute(
        "update conversations set customer_read_up_to = now() where id = '" + conversation + "'");
    bringForward(replyId);
    // Whichever comes first, the alarm or a claim, sees the read and sends nothing.
    asMailFunction("mail-a")
        .post("/email/deliveries/" + replyId + "/claim")
        .then()
        .statusCode(200)
        .body("granted", equalTo(false))
        .body("delivery.status", equalTo("not_needed"));
    assertThat(events(replyId)).isEqualTo("scheduled,not_needed");
  }

  @Test
  void theCustomersAnswerByMailThreadsIntoTheChatFromTheirAddressOnly() {
    String email = "flo-" + unique() + "@customer.example";
    String conversation = chat(email);
    reply(conversation, "Which size?", false);
    String token =
        Api.query("select email_token from conversations where id = '" + conversation + "'");
    String answer =
        "{\"message_id\":\"m-"
            + unique()
            + "@customer.example\",\"from_address\":\"%s\",\"subject\":\"Re: Your chat [#"
            + token
            + "]\",\"content\":\"Size M please\",\"token\":\""
            + token
            + "\"}";
    String joined =
        asMailFunction("mail-a")
            .body(String.format(answer, email.toUpperCase()))
            .post("/email/inbound")
            .then()
            .statusCode(201)
            .extract()
            .path("conversation_id");
    assertThat(joined).isEqualTo(conversation);
    String other =
        asMailFunction("mail-a")
            .body(String.format(answer.replace("m-", "n-"), "mallory@evil.example"))
            .post("/email/inbound")
            .then()
            .statusCode(201)
            .extract()
            .path("conversation_id");
    assertThat(other).isNotEqualTo(conversation);
  }

  @Test
  void theCustomerReadRouteTakesOnlyTheGatewayAndMessagesTheCustomerSees() {
    String conversation = chat("gus-" + unique() + "@customer.example");
    String note = reply(conversation, "internal", true).getString("id");
    String elsewhere =
        reply(chat(null), "other conversation", false).getString("id"); // another conversation
    String before = Api.rowCounts();

    asService()
        .body("{\"message_id\":\"" + note + "\"}")
        .put("/conversations/" + conversation + "/customer-read")
        .then()
        .statusCode(404)
        .body("error", equalTo("message_not_found"));
    asService()
        .body("{\"message_id\":\"" + elsewhere + "\"}")
        .put("/conversations/" + conversation + "/customer-read")
        .then()
        .statusCode(404);
    asService()
        .body("{\"message_id\":\"nope\"}")
        .put("/conversations/" + conversation + "/customer-read")
        .then()
        .statusCode(400)
        .body("field", equalTo("message_id"));
    asService()
        .body("{\"message_id\":null,\"extra\":1}")
        .put("/conversations/" + conversation + "/customer-read")
        .then()
        .statusCode(400)
        .body("detail", containsString("extra"));
    asService()
        .put("/conversations/" + UUID.randomUUID() + "/customer-read")
        .then()
        .statusCode(404);
    asService().put("/conversations/nope/customer-read").then().statusCode(400);
    // Operators mark their own position (PUT .../read); the customer's is the gateway's to mark.
    asOperator("olga")
        .put("/conversations/" + conversation + "/customer-read")
        .then()
        .statusCode(403);
    asMailFunction("mail-a")
        .put("/conversations/" + conversation + "/customer-read")
        .then()
        .statusCode(403);
    assertThat(Api.rowCounts()).isEqualTo(before);
    assertThat(
            Api.query(
                "select customer_read_up_to from conversations where id = '" + conversation + "'"))
        .isNull();
  }

  /** The created_at of the conversation's {@code index}-th message, as the API writes it. */
  private static String asOperatorCreatedAt(String conversation, int index) {
    return asOperator("olga")
        .get("/conversations/" + conversation)
        .then()
        .extract()
        .path("messages[" + index + "].created_at");
  }

  @Test
  void theViewOfAnEmailConversationsReplySaysEmail() {
    String id = "k-" + unique() + "@customer.example";
    String conversation =
        asMailFunction("mail-a")
            .body(
                "{\"message_id\":\""
                    + id
                    + "\",\"from_address\":\"kim-"
                    + unique()
                    + "@customer.example\",\"subject\":\"Hi\",\"content\":\"hello\"}")
            .post("/email/inbound")
            .then()
            .statusCode(201)
            .extract()
            .path("conversation_id");
    JsonPath r = reply(conversation, "hello back", false);
    assertThat(r.getString("delivery.kind")).isEqualTo("email");
    assertThat(r.getString("delivery.status")).isEqualTo("queued");
    assertThat(r.getString("delivery.due_at")).isEqualTo(r.getString("created_at"));
    assertThat(r.getString("delivery.sent_at")).isNull();
    asOperator("olga")
        .get("/conversations/" + conversation)
        .then()
        .body("messages[1].delivery.kind", equalTo("email"))
        .body("messages[0].delivery", nullValue());
  }
}
