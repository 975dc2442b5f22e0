package org.supportinbox.messaging.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.supportinbox.messaging.api.rest.Api.MESSAGING;
import static org.supportinbox.messaging.api.rest.Api.asAiFunction;
import static org.supportinbox.messaging.api.rest.Api.asOperator;
import static org.supportinbox.messaging.api.rest.Api.asService;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReanalyzeIT {

  private static JsonPath customerMessage(UUID conversation, String content) {
    return asService()
        .body(
            "{\"sender\":\"customer\",\"conversation_id\":\""
                + conversation
                + "\",\"content\":\""
                + content
                + "\"}")
        .post("/messages")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static void report(String message, String conversation, String status) {
    String result =
        status.equals("available")
            ? ",\"intent\":\"refund\",\"summary\":\"Wants the money back.\",\"suggested_reply\":"
                + "\"I have started the refund.\",\"sentiment\":\"negative\",\"urgency\":\"high\""
            : ",\"error\":\"model timed out\"";
    asAiFunction()
        .body(
            "{\"message_id\":\""
                + message
                + "\",\"conversation_id\":\""
                + conversation
                + "\",\"status\":\""
                + status
                + "\",\"model\":\"phi3:mini\",\"attempts\":2,\"latency_ms\":900"
                + result
                + "}")
        .post("/ai-insights")
        .then()
        .statusCode(200)
        .body("status", equalTo(status));
  }

  private static JsonPath summary(String conversation) {
    return asService()
        .queryParam("limit", 100)
        .get("/conversations")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .setRootPath("items.find { it.conversation_id == '" + conversation + "' }");
  }

  private static String outbox(String field, String message) {
    return Api.query(
        "select payload->>'"
            + field
            + "' from outbox where event_type = 'ai.requested' and payload->>'message_id' = '"
            + message
            + "'");
  }

  @Test
  void anAvailableInsightGoesBackToProcessingWithItsResultsCleared() {
    UUID conversation = UUID.randomUUID();
    JsonPath m = customerMessage(conversation, "Refund please");
    String message = m.getString("id");
    report(message, conversation.toString(), "available");
    assertEquals("refund", summary(conversation.toString()).getString("latest_intent"));
    Instant before = Instant.now();

    JsonPath answer =
        asOperator("bob")
            .post("/messages/" + message + "/reanalyze")
            .then()
            .statusCode(202)
            .contentType(ContentType.JSON)
            .body("id", equalTo(message))
            .body("conversation_id", equalTo(conversation.toString()))
            .body("content", equalTo("Refund please"))
            .body("ai.status", equalTo("processing"))
            .body("ai.intent", nullValue())
            .body("ai.summary", nullValue())
            .body("ai.suggested_reply", nullValue())
            .body("ai.sentiment", nullValue())
            .body("ai.urgency", nullValue())
            .body("ai.model", nullValue())
            .body("ai.error", nullValue())
            .body("ai.latency_ms", nullValue())
            .body("ai.attempts", equalTo(2))
            .extract()
            .jsonPath();
    assertEquals(m.getString("ai.created_at"), answer.getString("ai.created_at"));
    assertTrue(
        Instant.parse(answer.getString("ai.updated_at")).isAfter(before.minusSeconds(5)),
        "updated now");
    assertNotEquals(m.getString("ai.updated_at"), answer.getString("ai.updated_at"));

    // Stored as answered: the thread shows it, the list no longer shows the old result.
    asOperator("bob")
        .get("/conversations/" + conversation)
        .then()
        .body("messages[0].ai.status", equalTo("processing"))
        .body("messages[0].ai.intent", nullValue())
        .body("messages[0].ai.attempts", equalTo(2));
    JsonPath listed = summary(conversation.toString());
    assertNull(listed.getString("latest_intent"));
    assertNull(listed.getString("latest_urgency"));

    // One ai.requested row, in the same transaction, with MessageCreated's fields + requested_by.
    assertEquals(
        "1",
        Api.query(
            "select count(*) from outbox where event_type = 'ai.requested' and payload->>"
                + "'message_id' = '"
                + message
                + "'"));
    assertEquals("ai.requested", outbox("event_type", message));
    assertEquals("1", outbox("schema_version", message));
    assertEquals(conversation.toString(), outbox("conversation_id", message));
    assertEquals("customer", outbox("sender", message));
    assertEquals("Refund please", outbox("content", message));
    assertEquals("bob", outbox("requested_by", message));
    assertEquals(
        Instant.parse(m.getString("created_at")), Instant.parse(outbox("created_at", message)));

    // The next result is taken as usual, and shows in the list again.
    report(message, conversation.toString(), "available");
    assertEquals("high", summary(conversation.toString()).getString("latest_urgency"));
  }

  @Test
  void anUnavailableInsightCanBeRetriedAndAnOlderMessageLeavesTheListAlone() {
    UUID conversation = UUID.randomUUID();
    String first = customerMessage(conversation, "first").getString("id");
    report(first, conversation.toString(), "unavailable");
    String latest = customerMessage(conversation, "second").getString("id");
    report(latest, conversation.toString(), "available");

    asService()
        .post("/messages/" + first + "/reanalyze")
        .then()
        .statusCode(202)
        .body("ai.status", equalTo("processing"))
        .body("ai.error", nullValue())
        .body("ai.attempts", equalTo(2));
    assertEquals("gateway", outbox("requested_by", first));
    // The list follows the latest customer message, whose result stands.
    assertEquals("refund", summary(conversation.toString()).getString("latest_intent"));
    assertEquals("high", summary(conversation.toString()).getString("latest_urgency"));
  }

  @Test
  void aMessageWithoutInsightGetsOne() {
    UUID conversation = UUID.randomUUID();
    customerMessage(conversation, "hello");
    String reply =
        asOperator("bob")
            .body(
                "{\"sender\":\"operator\",\"conversation_id\":\""
                    + conversation
                    + "\",\"content\":\"How can I help?\"}")
            .post("/messages")
            .then()
            .statusCode(201)
            .body("ai", nullValue())
            .extract()
            .path("id");

    Api.as(MESSAGING.token("root", "admin"))
        .body("{}")
        .post("/messages/" + reply + "/reanalyze")
        .then()
        .statusCode(202)
        .body("sender", equalTo("operator"))
        .body("ai.status", equalTo("processing"))
        .body("ai.attempts", equalTo(0))
        .body("ai.created_at", notNullValue());
    assertEquals(
        "processing",
        Api.query("select status from ai_insights where message_id = '" + reply + "'"));
    assertEquals("operator", outbox("sender", reply));
    assertEquals("bob", outbox("sender_name", reply));
    assertEquals("root", outbox("requested_by", reply));
  }

  @Test
  void eachRequestIsOneEventAndTheBodyMayBeAbsentEmptyOrEmptyObject() throws Exception {
    String message = customerMessage(UUID.randomUUID(), "again and again").getString("id");
    // no body and no Content-Type, as `curl -X POST` sends it
    HttpResponse<String> bare =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(MESSAGING.url("/messages/" + message + "/reanalyze")))
                    .header("Authorization", "Bearer " + MESSAGING.operatorToken("bob"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(202, bare.statusCode(), bare.body());
    assertTrue(bare.request().headers().firstValue("Content-Type").isEmpty());
    asOperator("bob").body("").post("/messages/" + message + "/reanalyze").then().statusCode(202);
    asOperator("bob").body("{}").post("/messages/" + message + "/reanalyze").then().statusCode(202);
    assertEquals(
        "3",
        Api.query(
            "select count(distinct event_id) from outbox where event_type = 'ai.requested' and"
                + " payload->>'message_id' = '"
                + message
                + "'"));
  }

  @Test
  void badRequestsAre4xxAndChangeNothing() {
    UUID conversation = UUID.randomUUID();
    String message = customerMessage(conversation, "leave me be").getString("id");
    report(message, conversation.toString(), "available");
    String before = Api.rowCounts();
    String insight =
        Api.query(
            "select status || coalesce(intent, '') || updated_at from ai_insights where"
                + " message_id = '"
                + message
                + "'");

    String path = "/messages/" + message + "/reanalyze";
    asOperator("bob")
        .body("{\"force\":true}")
        .post(path)
        .then()
        .statusCode(400)
        .body("error", equalTo("unknown_field"))
        .body("field", equalTo("force"));
    for (String body : new String[] {"{", "[]", "null", "\"x\""}) {
      asOperator("bob")
          .body(body)
          .post(path)
          .then()
          .statusCode(400)
          .body("error", equalTo("malformed_json"));
    }
    asOperator("bob")
        .contentType(ContentType.TEXT)
        .body("{}")
        .post(path)
        .then()
        .statusCode(415)
        .body("error", equalTo("unsupported_media_type"));
    asOperator("bob")
        .post("/messages/" + UUID.randomUUID() + "/reanalyze")
        .then()
        .statusCode(404)
        .body("error", equalTo("message_not_found"));
    asOperator("bob")
        .post("/messages/nope/reanalyze")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_field"))
        .body("field", equalTo("id"));
    given()
        .baseUri(MESSAGING.server().baseUrl())
        .post(path)
        .then()
        .statusCode(401)
        .body("error", equalTo("unauthorized"));
    Api.as(MESSAGING.token("carol", "customer"))
        .post(path)
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));
    asOperator("bob").get(path).then().statusCode(405);

    assertEquals(before, Api.rowCounts());
    assertEquals(
        insight,
        Api.query(
            "select status || coalesce(intent, '') || updated_at from ai_insights where"
                + " message_id = '"
                + message
                + "'"));
  }
}
