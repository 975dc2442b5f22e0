package org.supportinbox.messaging.infrastructure.outbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.events.MessageCreated;
import org.supportinbox.testing.MessagingUnderTest;

/**
 * The {@code ai_context} of a published {@code message.created}: what {@code GET
 * /messages/{id}/context?limit=6} answers when the event is written (no operators' notes, the
 * summary of the latest earlier insight), only on an analysed message, and left out rather than cut
 * or stale.
 */
class AiContextIT {

  private static final MessagingUnderTest MESSAGING = MessagingUnderTest.get();

  private EventTap tap;

  @BeforeEach
  void tap() throws Exception {
    tap = new EventTap(MESSAGING.vhost.connectionFactory(), MessagingUnderTest.EXCHANGE);
  }

  @AfterEach
  void untap() throws Exception {
    tap.close();
  }

  private static RequestSpecification as(String token) {
    return given()
        .baseUri(MESSAGING.server().baseUrl())
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON);
  }

  private static String customer(UUID conversation, String content) {
    return as(MESSAGING.serviceToken())
        .body(
            "{\"sender\":\"customer\",\"sender_name\":\"Ada\",\"conversation_id\":\""
                + conversation
                + "\",\"content\":\""
                + content
                + "\"}")
        .post("/messages")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String operator(UUID conversation, String content, boolean note) {
    return as(MESSAGING.operatorToken("bob"))
        .body(
            "{\"sender\":\"operator\",\"conversation_id\":\""
                + conversation
                + "\",\"content\":\""
                + content
                + "\",\"internal\":"
                + note
                + "}")
        .post("/messages")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Stores a terminal insight for {@code message}, as the AI function does. */
  private static void analysed(UUID conversation, String message, String summary) {
    as(MESSAGING.aiFunctionToken("ai-context-it"))
        .body(
            "{\"message_id\":\""
                + message
                + "\",\"conversation_id\":\""
                + conversation
                + "\",\"status\":\"available\",\"intent\":\"order_status\",\"summary\":\"s\","
                + "\"suggested_reply\":\"r\",\"sentiment\":\"neutral\",\"urgency\":\"low\","
                + "\"model\":\"m\",\"attempts\":1,\"latency_ms\":1,\"conversation_summary\":\""
                + summary
                + "\"}")
        .post("/ai-insights")
        .then()
        .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
  }

  private JsonObject event(String messageId) {
    await().atMost(Duration.ofSeconds(15)).until(() -> tap.messageIds().contains(messageId));
    return tap.deliveries.stream()
        .filter(d -> d.routingKey().equals(MessageCreated.TYPE))
        .map(EventTap.Delivery::body)
        .filter(b -> b.getString("message_id").equals(messageId))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> contents(JsonObject aiContext) {
    return aiContext.getJsonArray("previous").stream()
        .map(v -> v.asJsonObject().getString("content"))
        .toList();
  }

  @Test
  void anAnalysedMessagesEventCarriesWhatTheContextRouteAnswers() {
    UUID conversation = UUID.randomUUID();
    String first = customer(conversation, "My parcel is late");
    analysed(conversation, first, "Asked: my parcel is late");
    String reply = operator(conversation, "Which order number?", false);
    String note = operator(conversation, "VIP customer, refund without asking", true);
    String last = customer(conversation, "It is 4411");

    JsonObject firstContext = event(first).getJsonObject("ai_context");
    assertEquals(MessageCreated.AiContext.MAX_MESSAGES, firstContext.getInt("window"));
    assertEquals(List.of(), contents(firstContext), "the conversation's first message");
    assertEquals(JsonValue.NULL, firstContext.get("conversation_summary"));

    JsonObject event = event(last);
    assertEquals(MessageCreated.SCHEMA_VERSION, event.getInt("schema_version"));
    JsonObject context = event.getJsonObject("ai_context");
    assertEquals(MessageCreated.AiContext.MAX_MESSAGES, context.getInt("window"));
    assertEquals(List.of("My parcel is late", "Which order number?"), contents(context));
    JsonObject operatorLine = context.getJsonArray("previous").getJsonObject(1);
    assertEquals("operator", operatorLine.getString("sender"));
    assertEquals("bob", operatorLine.getString("sender_name"));
    assertEquals("Ada", context.getJsonArray("previous").getJsonObject(0).getString("sender_name"));
    assertEquals("Asked: my parcel is late", context.getString("conversation_summary"));

    // The same as the route the function asks when an event carries none.
    JsonPath route =
        as(MESSAGING.aiFunctionToken("ai-context-it"))
            .get("/messages/" + last + "/context?limit=6")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(route.getList("previous.content"), contents(context));
    assertEquals(
        route.getList("previous.sender"),
        context.getJsonArray("previous").stream()
            .map(v -> v.asJsonObject().getString("sender"))
            .toList());
    assertEquals(
        route.getString("conversation_summary"), context.getString("conversation_summary"));

    // Operators' messages are not analysed: their events carry none, a note's least of all.
    assertTrue(event(reply).isNull("ai_context"));
    assertTrue(event(note).isNull("ai_context"));
  }

  @Test
  void theContextIsLeftOutWhileAnEarlierAnalysisIsUnfinished() {
    UUID conversation = UUID.randomUUID();
    customer(conversation, "First question");
    String second = customer(conversation, "Second question");
    // The first message's insight is still processing: its summary is the one to update.
    assertTrue(event(second).isNull("ai_context"));
  }

  @Test
  void theContextIsLeftOutRatherThanCut() {
    UUID conversation = UUID.randomUUID();
    String longText = "x".repeat(MessageCreated.AiContext.MAX_TEXT + 1);
    String first = customer(conversation, longText);
    analysed(conversation, first, "Asked: a long question");
    String second = customer(conversation, "Any news?");
    assertTrue(event(second).isNull("ai_context"));

    UUID other = UUID.randomUUID();
    String fits = customer(other, "y".repeat(MessageCreated.AiContext.MAX_TEXT));
    analysed(other, fits, "Asked: y");
    String next = customer(other, "Any news?");
    assertEquals(
        MessageCreated.AiContext.MAX_TEXT,
        contents(event(next).getJsonObject("ai_context")).get(0).length());
  }
}
