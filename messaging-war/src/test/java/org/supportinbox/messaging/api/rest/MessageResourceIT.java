package org.supportinbox.messaging.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.supportinbox.messaging.api.rest.Api.MESSAGING;
import static org.supportinbox.messaging.api.rest.Api.asOperator;
import static org.supportinbox.messaging.api.rest.Api.asService;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.supportinbox.testing.MessagingUnderTest;
import org.supportinbox.testing.Tokens;

class MessageResourceIT {

  @Test
  void aCustomerMessageWithoutConversationStartsOne() {
    Response r =
        asService()
            .body(
                "{\"sender\":\"customer\",\"sender_name\":\"Ann Lee\",\"customer_email\":"
                    + "\"ann@example.com\",\"content\":\"  Where is my order #1234?\\n \"}")
            .post("/messages");
    r.then()
        .statusCode(201)
        .contentType(ContentType.JSON)
        .body("id", notNullValue())
        .body("conversation_id", notNullValue())
        .body("sender", equalTo("customer"))
        .body("sender_name", equalTo("Ann Lee"))
        .body("content", equalTo("Where is my order #1234?"))
        .body("created_at", notNullValue())
        .body("ai.status", equalTo("processing"));
    String conversation = r.path("conversation_id");
    asService()
        .get("/conversations/" + conversation)
        .then()
        .statusCode(200)
        .body("status", equalTo("open"))
        .body("customer.name", equalTo("Ann Lee"))
        .body("customer.email", equalTo("ann@example.com"))
        .body("messages.size()", equalTo(1))
        .body("messages[0].id", equalTo(r.path("id")));
    assertEquals(
        "1",
        Api.query(
            "select count(*) from outbox where event_type = 'message.created' and payload->>"
                + "'message_id' = '"
                + r.path("id")
                + "'"));
  }

  @Test
  void anUnknownButWellFormedConversationIdIsCreated() {
    UUID chosen = UUID.randomUUID();
    asService()
        .body(
            "{\"sender\":\"customer\",\"conversation_id\":\""
                + chosen
                + "\",\"content\":\"hello\"}")
        .post("/messages")
        .then()
        .statusCode(201)
        .body("conversation_id", equalTo(chosen.toString()));
    asService().get("/conversations/" + chosen).then().statusCode(200);
  }

  @Test
  void theSameClientMessageIdReturnsTheFirstMessageOnce() {
    UUID conversation = Api.customerSays(null, "first");
    String body =
        "{\"sender\":\"customer\",\"conversation_id\":\""
            + conversation
            + "\",\"content\":\"retry me\",\"client_message_id\":\"k-42\"}";
    String first =
        asService().body(body).post("/messages").then().statusCode(201).extract().path("id");
    asService()
        .body(body.replace("retry me", "different text, same key"))
        .post("/messages")
        .then()
        .statusCode(200)
        .body("id", equalTo(first))
        .body("content", equalTo("retry me"))
        .body("client_message_id", equalTo("k-42"));
    assertEquals(
        "1",
        Api.query(
            "select count(*) from messages where client_message_id = 'k-42' and conversation_id"
                + " = '"
                + conversation
                + "'"));
    assertEquals(
        "1",
        Api.query("select count(*) from outbox where payload->>'message_id' = '" + first + "'"));

    // The key is scoped to its conversation.
    UUID other = Api.customerSays(null, "elsewhere");
    asService()
        .body(body.replace(conversation.toString(), other.toString()))
        .post("/messages")
        .then()
        .statusCode(201);
  }

  /**
   * The storing statement writes the message, its insight and the conversation's new state itself
   * (JpaMessageRepository.ADD_IF_NEW): each column as the entities would have written it, and
   * nothing at all for a replayed key.
   */
  @Test
  void storingWritesTheConversationsNewStateAndAReplayWritesNothing() {
    UUID conversation = Api.customerSays(null, "first");
    Instant until = Instant.now().plus(Duration.ofDays(2));
    asOperator("alice")
        .body("{\"status\":\"snoozed\",\"snoozed_until\":\"" + until + "\"}")
        .patch("/conversations/" + conversation)
        .then()
        .statusCode(200);
    Api.execute(
        "update conversations set latest_intent = 'order_status', latest_urgency = 'high'"
            + " where id = '"
            + conversation
            + "'");
    String body =
        "{\"sender\":\"customer\",\"conversation_id\":\""
            + conversation
            + "\",\"content\":\"still waiting\",\"client_message_id\":\"k-state\"}";
    Response stored = asService().body(body).post("/messages");
    stored.then().statusCode(201);
    String id = stored.path("id");
    String columns =
        "select status || '|' || coalesce(snoozed_until::text, '-') || '|' ||"
            + " last_message_preview || '|' || last_message_sender || '|' ||"
            + " latest_customer_message_id || '|' || (last_customer_message_at = last_message_at)"
            + " || '|' || (updated_at = last_message_at) || '|' || coalesce(latest_intent, '-')"
            + " || '|' || coalesce(latest_urgency, '-') || '|' || last_message_at"
            + " from conversations where id = '"
            + conversation
            + "'";
    String after = Api.query(columns);
    assertEquals(
        "open|-|still waiting|customer|" + id + "|true|true|-|-|",
        after.substring(0, after.lastIndexOf('|') + 1));
    assertEquals(
        "processing|0|" + conversation,
        Api.query(
            "select status || '|' || attempts || '|' || conversation_id from ai_insights"
                + " where message_id = '"
                + id
                + "'"));
    assertEquals(
        "message.created,conversation.updated",
        Api.query(
            "select string_agg(event_type, ',' order by id) from outbox where conversation_id = '"
                + conversation
                + "' and id > (select max(id) from outbox where conversation_id = '"
                + conversation
                + "' and event_type = 'conversation.updated' and payload->>'status' = 'snoozed')"));

    // A replay, and a replay of the key as another kind of message, write nothing.
    String rows = Api.rowCounts();
    asService()
        .body(body.replace("still waiting", "again"))
        .post("/messages")
        .then()
        .statusCode(200);
    asOperator("alice")
        .body(
            "{\"sender\":\"operator\",\"conversation_id\":\""
                + conversation
                + "\",\"content\":\"x\",\"client_message_id\":\"k-state\"}")
        .post("/messages")
        .then()
        .statusCode(400)
        .body("field", equalTo("client_message_id"));
    assertEquals(after, Api.query(columns));
    assertEquals(rows, Api.rowCounts());

    // An operator's reply moves the activity, not the customer's side or the status.
    Response reply =
        asOperator("alice")
            .body(
                "{\"sender\":\"operator\",\"conversation_id\":\""
                    + conversation
                    + "\",\"content\":\"on its way\"}")
            .post("/messages");
    reply.then().statusCode(201);
    assertEquals(
        "open|-|on its way|operator|" + id + "|false|true|-|-|",
        Api.query(columns).substring(0, Api.query(columns).lastIndexOf('|') + 1));
  }

  @Test
  void operatorRepliesAreNotAnalysedAndCarryTheOperatorsName() {
    UUID conversation = Api.customerSays(null, "help");
    asOperator("bob")
        .body(
            "{\"sender\":\"operator\",\"conversation_id\":\""
                + conversation
                + "\",\"content\":\"On it!\"}")
        .post("/messages")
        .then()
        .statusCode(201)
        .body("sender", equalTo("operator"))
        .body("sender_name", equalTo("bob"))
        .body("ai", nullValue());
    asService()
        .get("/conversations")
        .then()
        .statusCode(200)
        .body(
            "items.find { it.conversation_id == '" + conversation + "' }.last_message_sender",
            equalTo("operator"));
  }

  @Test
  void operatorsCannotStartConversationsOrSpeakAsCustomers() {
    asOperator("bob")
        .body(
            "{\"sender\":\"operator\",\"conversation_id\":\""
                + UUID.randomUUID()
                + "\",\"content\":\"hi\"}")
        .post("/messages")
        .then()
        .statusCode(404)
        .body("error", equalTo("conversation_not_found"));
    asOperator("bob")
        .body("{\"sender\":\"operator\",\"content\":\"hi\"}")
        .post("/messages")
        .then()
        .statusCode(400)
        .body("error", equalTo("missing_field"))
        .body("field", equalTo("conversation_id"));
    asOperator("bob")
        .body("{\"sender\":\"customer\",\"content\":\"I am a customer, honest\"}")
        .post("/messages")
        .then()
        .statusCode(400)
        .body("field", equalTo("sender"));
  }

  @Test
  void anOperatorTokenCannotChooseTheSendersName() {
    UUID conversation = Api.customerSays(null, "is this my bank?");
    String before = Api.rowCounts();
    asOperator("bob")
        .body(
            "{\"sender\":\"operator\",\"sender_name\":\"Your bank - Fraud team\","
                + "\"conversation_id\":\""
                + conversation
                + "\",\"content\":\"Verify your card at https://evil.example\"}")
        .post("/messages")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_field"))
        .body("field", equalTo("sender_name"));
    assertEquals(before, Api.rowCounts());
  }

  @Test
  void anAiFunctionTokenReadsContextAndReportsInsightsOnly() {
    UUID conversation = Api.customerSays(null, "where is my parcel?");
    String message =
        asService()
            .get("/conversations/" + conversation)
            .then()
            .statusCode(200)
            .extract()
            .path("messages[0].id");
    // Its own key, even when the token claims every other role.
    String claimsEverything =
        Tokens.sign(
            MESSAGING.aiFunctionSecret,
            MessagingUnderTest.AI_FUNCTION_ISSUER,
            "ai-function-x",
            Set.of("service", "admin", "operator", "customer"),
            Instant.now(),
            Duration.ofMinutes(5));
    for (String token :
        new String[] {MESSAGING.aiFunctionToken("ai-function-1"), claimsEverything}) {
      Api.as(token).get("/messages/" + message + "/context").then().statusCode(200);
      Api.as(token).get("/conversations").then().statusCode(403);
      Api.as(token).get("/conversations/" + conversation).then().statusCode(403);
      Api.as(token)
          .body(
              "{\"sender\":\"customer\",\"conversation_id\":\""
                  + conversation
                  + "\",\"content\":\"forged\"}")
          .post("/messages")
          .then()
          .statusCode(403);
      Api.as(token).post("/messages/" + message + "/reanalyze").then().statusCode(403);
      Api.as(token)
          .body("{\"status\":\"resolved\"}")
          .patch("/conversations/" + conversation)
          .then()
          .statusCode(403);
    }
    // The gateway's service token may not forge insights.
    asService().body("{}").post("/ai-insights").then().statusCode(403);
  }

  @Test
  void hostilePayloadsAreStoredVerbatimAsText() {
    String sql = "Robert'); DROP TABLE messages; --";
    String html = "<img src=x onerror=alert(1)> &amp; \\u202e emoji \\ud83d\\ude00";
    for (String content : new String[] {sql, html}) {
      String stored =
          asService()
              .body("{\"sender\":\"customer\",\"content\":\"" + content + "\"}")
              .post("/messages")
              .then()
              .statusCode(201)
              .extract()
              .path("content");
      assertEquals(
          content.replace("\\u202e", "\u202e").replace("\\ud83d\\ude00", "\uD83D\uDE00"), stored);
    }
  }

  static Stream<Arguments> badRequests() {
    String ok = "\"sender\":\"customer\",\"content\":\"x\"";
    return Stream.of(
        Arguments.of("{", 400, "malformed_json", null),
        Arguments.of("", 400, "malformed_json", null),
        Arguments.of("[" + "{" + ok + "}]", 400, "malformed_json", null),
        Arguments.of("{\"sender\":\"customer\",\"content\":5}", 400, "invalid_field", "content"),
        Arguments.of(
            "{\"sender\":\"customer\",\"content\":[\"x\"]}", 400, "invalid_field", "content"),
        Arguments.of("{\"sender\":\"robot\",\"content\":\"x\"}", 400, "invalid_field", "sender"),
        Arguments.of("{\"sender\":\"customer\"}", 400, "missing_field", "content"),
        Arguments.of("{\"content\":\"x\"}", 400, "missing_field", "sender"),
        Arguments.of(
            "{\"sender\":\"customer\",\"content\":\" \\n\\t \"}", 400, "invalid_field", "content"),
        Arguments.of(
            "{\"sender\":\"customer\",\"content\":\"" + "a".repeat(10_001) + "\"}",
            400,
            "invalid_field",
            "content"),
        Arguments.of(
            "{" + ok + ",\"conversation_id\":\"123\"}", 400, "invalid_field", "conversation_id"),
        Arguments.of("{" + ok + ",\"conversation_id\":7}", 400, "invalid_field", "conversation_id"),
        Arguments.of("{" + ok + ",\"extra\":true}", 400, "unknown_field", "extra"),
        Arguments.of(
            "{\"sender\":\"customer\",\"content\":\"a\\u0000b\"}", 400, "invalid_field", "content"),
        Arguments.of(
            "{\"sender\":\"customer\",\"content\":\"a\\ud800b\"}", 400, "invalid_field", "content"),
        Arguments.of(
            "{" + ok + ",\"customer_email\":\"nope\"}", 400, "invalid_field", "customer_email"),
        Arguments.of(
            "{" + ok + ",\"client_message_id\":\"\"}", 400, "invalid_field", "client_message_id"),
        Arguments.of(
            "{" + ok + ",\"sender_name\":\"" + "n".repeat(201) + "\"}",
            400,
            "invalid_field",
            "sender_name"),
        Arguments.of(
            "{\"sender\":\"customer\",\"content\":\"" + "a".repeat(300_000) + "\"}",
            413,
            "payload_too_large",
            null));
  }

  @ParameterizedTest
  @MethodSource("badRequests")
  void badInputIsA4xxJsonErrorAndStoresNothing(
      String body, int status, String error, String field) {
    String before = Api.rowCounts();
    Response r = asService().body(body).post("/messages");
    r.then()
        .statusCode(status)
        .contentType(ContentType.JSON)
        .body("error", equalTo(error))
        .body("detail", notNullValue())
        .body("field", equalTo(field));
    assertEquals(before, Api.rowCounts());
  }

  @Test
  void aBodyThatIsNotJsonIs415() {
    String before = Api.rowCounts();
    asService()
        .contentType(ContentType.TEXT)
        .body("{\"sender\":\"customer\",\"content\":\"x\"}")
        .post("/messages")
        .then()
        .statusCode(415)
        .body("error", equalTo("unsupported_media_type"));
    assertEquals(before, Api.rowCounts());
  }

  @Test
  void requestsWithoutAValidTokenAre401() {
    String body = "{\"sender\":\"customer\",\"content\":\"x\"}";
    given()
        .baseUri(MESSAGING.server().baseUrl())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/messages")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("error", equalTo("unauthorized"));
    String expired =
        Tokens.sign(
            MESSAGING.secret,
            Tokens.ISSUER,
            "gateway",
            Set.of("service"),
            Instant.now().minus(Duration.ofHours(3)),
            Duration.ofHours(1));
    String otherSecret = Tokens.sign("z".repeat(40), "gateway", Set.of("service"));
    for (String token : new String[] {"garbage", expired, otherSecret}) {
      Api.as(token).body(body).post("/messages").then().statusCode(401);
    }
    Api.as(token("x", "operator") + "x").get("/conversations").then().statusCode(401);
  }

  @Test
  void rolesAreEnforced() {
    Api.as(token("carol", "customer"))
        .body("{\"sender\":\"customer\",\"content\":\"x\"}")
        .post("/messages")
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));
    Api.as(token("carol", "customer")).get("/conversations").then().statusCode(403);
    asOperator("bob")
        .body("{}")
        .post("/ai-insights")
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));
  }

  @Test
  void onlyHealthAndTheApiDescriptionAnswerWithoutAToken() {
    var anonymous = given().baseUri(MESSAGING.server().baseUrl());
    anonymous.get("/health/ready").then().statusCode(200);
    anonymous.get("/health/live").then().statusCode(200);
    anonymous.get("/openapi").then().statusCode(200);
    anonymous.get("/conversations").then().statusCode(401);
    anonymous.get("/metrics").then().statusCode(org.hamcrest.Matchers.not(200));
    Api.asService().get("/application.wadl").then().statusCode(404);
  }

  private static String token(String subject, String role) {
    return MESSAGING.token(subject, role);
  }
}
