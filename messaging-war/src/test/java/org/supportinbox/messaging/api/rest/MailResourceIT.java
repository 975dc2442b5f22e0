package org.supportinbox.messaging.api.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.supportinbox.messaging.api.rest.Api.asAiFunction;
import static org.supportinbox.messaging.api.rest.Api.asMailFunction;
import static org.supportinbox.messaging.api.rest.Api.asOperator;
import static org.supportinbox.messaging.api.rest.Api.asService;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The email channel's routes as the mail function uses them: a mail becomes a message once per
 * Message-ID, threads by References, In-Reply-To or token (from the customer's address only), an
 * operator's reply in an email conversation queues its mail with the reply, and the delivery moves
 * through claim and report with its events; nobody but the mail function reaches the routes.
 */
class MailResourceIT {

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static String mail(
      String messageId, String from, String subject, String content, String extra) {
    return "{\"message_id\":\""
        + messageId
        + "\",\"from_address\":\""
        + from
        + "\",\"from_name\":\"Dana Buyer\",\"subject\":\""
        + subject
        + "\",\"content\":\""
        + content
        + "\""
        + extra
        + "}";
  }

  private static JsonPath inbound(String body, int status) {
    return asMailFunction("mail-it")
        .body(body)
        .post("/email/inbound")
        .then()
        .statusCode(status)
        .extract()
        .jsonPath();
  }

  private static JsonPath reply(String conversationId, String content) {
    return asOperator("olga")
        .body(
            "{\"sender\":\"operator\",\"conversation_id\":\""
                + conversationId
                + "\",\"content\":\""
                + content
                + "\"}")
        .post("/messages")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  @Test
  void aNewMailStartsAnEmailConversationAndIsStoredOnce() {
    String id = "first-" + unique() + "@customer.example";
    String from = "dana-" + unique() + "@customer.example";
    String body = mail(id, from, "Broken kettle", "My kettle leaks.", "");
    JsonPath stored = inbound(body, 201);
    String conversation = stored.getString("conversation_id");
    assertThat(stored.getString("sender")).isEqualTo("customer");
    assertThat(stored.getString("ai.status")).isEqualTo("processing");

    JsonPath again = inbound(body, 200);
    assertThat(again.getString("id")).isEqualTo(stored.getString("id"));
    assertThat(Api.query("select count(*) from messages where email_message_id = '" + id + "'"))
        .isEqualTo("1");

    asOperator("olga")
        .get("/conversations/" + conversation)
        .then()
        .statusCode(200)
        .body("channel", equalTo("email"))
        .body("customer.email", equalTo(from))
        .body("customer.name", equalTo("Dana Buyer"))
        .body("messages.size()", equalTo(1))
        .body("messages[0].delivery", nullValue());
    assertThat(
            Api.query(
                "select count(*) from outbox where event_type = 'message.created'"
                    + " and payload->>'message_id' = '"
                    + stored.getString("id")
                    + "'"))
        .isEqualTo("1");
  }

  @Test
  void aReplyQueuesItsMailWhichIsClaimedOnceAndReportedSent() {
    String from = "erin-" + unique() + "@customer.example";
    String first = "q-" + unique() + "@customer.example";
    String conversation =
        inbound(mail(first, from, "Refund [#aaaaaaaaaaaa]", "Where is my refund?", ""), 201)
            .getString("conversation_id");
    String token =
        Api.query("select email_token from conversations where id = '" + conversation + "'");
    assertThat(token).matches("[a-z0-9]{12}");

    JsonPath r = reply(conversation, "It left today.");
    String replyId = r.getString("id");
    assertThat(r.getString("delivery.status")).isEqualTo("queued");
    assertThat(r.getInt("delivery.attempts")).isZero();
    assertThat(
            Api.query(
                "select payload->>'status' from outbox where event_type = 'email.delivery_changed'"
                    + " and payload->>'message_id' = '"
                    + replyId
                    + "'"))
        .isEqualTo("queued");

    // A note is no mail.
    asOperator("olga")
        .body(
            "{\"sender\":\"operator\",\"conversation_id\":\""
                + conversation
                + "\",\"content\":\"check the bank\",\"internal\":true}")
        .post("/messages")
        .then()
        .statusCode(201)
        .body("delivery", nullValue());

    JsonPath claim =
        asMailFunction("mail-a")
            .post("/email/deliveries/" + replyId + "/claim")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(claim.getBoolean("granted")).isTrue();
    assertThat(claim.getString("delivery.status")).isEqualTo("sending");
    assertThat(claim.getString("to_address")).isEqualTo(from);
    assertThat(claim.getString("from_name")).isEqualTo("olga");
    assertThat(claim.getString("subject")).isEqualTo("Re: Refund [#" + token + "]");
    assertThat(claim.getString("in_reply_to")).isEqualTo(first);
    assertThat(claim.getList("references")).containsExactly(first);
    assertThat(claim.getString("content")).isEqualTo("It left today.");

    // Another replica (a redelivered event) does not get it while the claim holds.
    asMailFunction("mail-b")
        .post("/email/deliveries/" + replyId + "/claim")
        .then()
        .statusCode(200)
        .body("granted", equalTo(false));
    asMailFunction("mail-b")
        .body("{\"outcome\":\"retry\",\"error\":\"x\"}")
        .post("/email/deliveries/" + replyId + "/report")
        .then()
        .statusCode(409);

    String sentId = replyId + "@support.example";
    asMailFunction("mail-a")
        .body("{\"outcome\":\"sent\",\"email_message_id\":\"" + sentId + "\"}")
        .post("/email/deliveries/" + replyId + "/report")
        .then()
        .statusCode(200)
        .body("status", equalTo("sent"))
        .body("email_message_id", equalTo(sentId));
    // Settled: no claim is granted again, a repeated report changes nothing.
    asMailFunction("mail-a")
        .post("/email/deliveries/" + replyId + "/claim")
        .then()
        .statusCode(200)
        .body("granted", equalTo(false))
        .body("delivery.status", equalTo("sent"));
    asMailFunction("mail-a")
        .body("{\"outcome\":\"failed\",\"error\":\"late\"}")
        .post("/email/deliveries/" + replyId + "/report")
        .then()
        .statusCode(200)
        .body("status", equalTo("sent"));
    assertThat(
            Api.query(
                "select string_agg(payload->>'status', ',' order by id) from outbox"
                    + " where event_type = 'email.delivery_changed' and payload->>'message_id' = '"
                    + replyId
                    + "'"))
        .isEqualTo("queued,sent");

    // The customer answers the reply: In-Reply-To names it, so it joins the conversation.
    JsonPath answer =
        inbound(
            mail(
                "a-" + unique() + "@customer.example",
                from.toUpperCase(),
                "Re: Refund",
                "Thanks!",
                ",\"in_reply_to\":[\"" + sentId + "\"]"),
            201);
    assertThat(answer.getString("conversation_id")).isEqualTo(conversation);

    asOperator("olga")
        .get("/conversations/" + conversation)
        .then()
        .statusCode(200)
        .body("messages[1].delivery.status", equalTo("sent"))
        .body("messages[1].delivery.email_message_id", equalTo(sentId))
        .body("messages[2].delivery", nullValue());
  }

  @Test
  void retriesKeepTheReasonAndFailureIsFinal() {
    String from = "finn-" + unique() + "@customer.example";
    String conversation =
        inbound(mail("r-" + unique() + "@x.example", from, "Hi", "hello", ""), 201)
            .getString("conversation_id");
    String replyId = reply(conversation, "hello back").getString("id");
    asMailFunction("mail-a").post("/email/deliveries/" + replyId + "/claim").then().statusCode(200);
    asMailFunction("mail-a")
        .body("{\"outcome\":\"retry\",\"error\":\"connect refused\"}")
        .post("/email/deliveries/" + replyId + "/report")
        .then()
        .statusCode(200)
        .body("status", equalTo("queued"))
        .body("attempts", equalTo(1))
        .body("last_error", equalTo("connect refused"));
    asMailFunction("mail-b")
        .post("/email/deliveries/" + replyId + "/claim")
        .then()
        .body("granted", equalTo(true))
        .body("delivery.attempts", equalTo(2));
    asMailFunction("mail-b")
        .body("{\"outcome\":\"failed\",\"error\":\"550 no such user\"}")
        .post("/email/deliveries/" + replyId + "/report")
        .then()
        .statusCode(200)
        .body("status", equalTo("failed"))
        .body("last_error", equalTo("550 no such user"));
    asOperator("olga")
        .get("/conversations/" + conversation)
        .then()
        .body("messages[1].delivery.status", equalTo("failed"))
        .body("messages[1].delivery.last_error", equalTo("550 no such user"));
  }

  /**
   * A replica that claimed a mail and was killed before it reported leaves the delivery {@code
   * sending}; once the claim has run out (moved back in time here instead of waiting 120 s) the
   * sweep queues it again with an event the mail function sends on, and another replica gets it. A
   * delivery whose claims keep lapsing is given up.
   */
  @Test
  void aClaimLeftByAStoppedReplicaIsQueuedAgainThenGivenUp() {
    String from = "hal-" + unique() + "@customer.example";
    String conversation =
        inbound(mail("l-" + unique() + "@x.example", from, "Hi", "hello", ""), 201)
            .getString("conversation_id");
    String replyId = reply(conversation, "hello back").getString("id");
    asMailFunction("mail-gone")
        .post("/email/deliveries/" + replyId + "/claim")
        .then()
        .statusCode(200)
        .body("granted", equalTo(true));
    String where = " where message_id = '" + replyId + "'";
    String requeuedEvents =
        "select count(*) from outbox where event_type = 'email.delivery_changed'"
            + " and payload->>'message_id' = '"
            + replyId
            + "' and (payload->>'requeued')::boolean";
    // Still held: the sweep leaves it alone.
    assertThat(Api.query("select status from email_deliveries" + where)).isEqualTo("sending");
    assertThat(Api.query(requeuedEvents)).isEqualTo("0");

    Api.execute("update email_deliveries set claimed_until = now() - interval '5 minutes'" + where);
    await()
        .atMost(Duration.ofSeconds(40))
        .until(() -> "queued".equals(Api.query("select status from email_deliveries" + where)));
    assertThat(Api.query("select last_error from email_deliveries" + where))
        .isEqualTo("the claim of mail-gone lapsed without a report; queued again");
    assertThat(Api.query("select claimed_by is null from email_deliveries" + where)).isEqualTo("t");
    assertThat(Api.query(requeuedEvents)).isEqualTo("1");
    asOperator("olga")
        .get("/conversations/" + conversation)
        .then()
        .body("messages[1].delivery.status", equalTo("queued"))
        .body("messages[1].delivery.attempts", equalTo(1));
    asMailFunction("mail-b")
        .post("/email/deliveries/" + replyId + "/claim")
        .then()
        .body("granted", equalTo(true))
        .body("delivery.attempts", equalTo(2));

    // A mail whose every try stops its replica: after the most tries, failed, not queued again.
    Api.execute(
        "update email_deliveries set attempts = 25,"
            + " claimed_until = now() - interval '5 minutes'"
            + where);
    await()
        .atMost(Duration.ofSeconds(40))
        .until(() -> "failed".equals(Api.query("select status from email_deliveries" + where)));
    assertThat(Api.query("select last_error from email_deliveries" + where))
        .isEqualTo(
            "gave up after 25 tries: the claim of the last one (mail-b) lapsed without a report");
    assertThat(Api.query(requeuedEvents)).isEqualTo("1");
    assertThat(
            Api.query(
                "select payload->>'status' from outbox where event_type = 'email.delivery_changed'"
                    + " and payload->>'message_id' = '"
                    + replyId
                    + "' order by created_at desc, id desc limit 1"))
        .isEqualTo("failed");
  }

  @Test
  void theTokenThreadsOnlyFromTheCustomersAddress() {
    String from = "gil-" + unique() + "@customer.example";
    String conversation =
        inbound(mail("t-" + unique() + "@x.example", from, "Order", "where is it", ""), 201)
            .getString("conversation_id");
    String token =
        Api.query("select email_token from conversations where id = '" + conversation + "'");
    String byToken =
        inbound(
                mail(
                    "t2-" + unique() + "@x.example",
                    from,
                    "Re: Order [#" + token + "]",
                    "any news?",
                    ",\"token\":\"" + token + "\""),
                201)
            .getString("conversation_id");
    assertThat(byToken).isEqualTo(conversation);
    String stranger =
        inbound(
                mail(
                    "t3-" + unique() + "@x.example",
                    "mallory-" + unique() + "@evil.example",
                    "Re: Order",
                    "send the refund to me",
                    ",\"token\":\"" + token + "\""),
                201)
            .getString("conversation_id");
    assertThat(stranger).isNotEqualTo(conversation);
  }

  @Test
  void chatRepliesQueueNoMail() {
    UUID conversation = Api.customerSays(null, "chat only");
    JsonPath r = reply(conversation.toString(), "hi");
    assertThat(r.getString("delivery")).isNull();
    asOperator("olga")
        .get("/conversations/" + conversation)
        .then()
        .body("channel", equalTo("chat"));
  }

  @Test
  void onlyTheMailFunctionReachesTheRoutes() {
    String body = mail("x-" + unique() + "@x.example", "a@b.example", "s", "c", "");
    for (var spec :
        List.of(
            asService(),
            asOperator("olga"),
            asAiFunction(),
            Api.as(Api.MESSAGING.token("admin", "admin")))) {
      spec.body(body).post("/email/inbound").then().statusCode(403);
    }
    asOperator("olga")
        .post("/email/deliveries/" + UUID.randomUUID() + "/claim")
        .then()
        .statusCode(403);
    asMailFunction("mail-a")
        .post("/email/deliveries/" + UUID.randomUUID() + "/claim")
        .then()
        .statusCode(404);
    // Not a way into the rest of the API either.
    asMailFunction("mail-a").get("/conversations").then().statusCode(403);
  }

  @Test
  void badMailsAreRefused() {
    inbound(mail("no spaces@x", "a@b.example", "s", "c", ""), 400);
    inbound(mail("<bracketed@x>", "a@b.example", "s", "c", ""), 400);
    inbound(mail("ok-" + unique() + "@x", "not-an-address", "s", "c", ""), 400);
    inbound(mail("ok-" + unique() + "@x", "a@b.example", "s", "   ", ""), 400);
    inbound(mail("ok-" + unique() + "@x", "a@b.example", "s", "c", ",\"token\":\"UPPER\""), 400);
    asMailFunction("mail-a")
        .body("{\"outcome\":\"maybe\"}")
        .post("/email/deliveries/" + UUID.randomUUID() + "/report")
        .then()
        .statusCode(400);
  }
}
