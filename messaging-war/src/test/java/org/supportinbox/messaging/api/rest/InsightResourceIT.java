package org.supportinbox.messaging.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.supportinbox.messaging.api.rest.Api.asAiFunction;
import static org.supportinbox.messaging.api.rest.Api.asOperator;
import static org.supportinbox.messaging.api.rest.Api.asService;

import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InsightResourceIT {

  private static String available(String messageId, String conversationId) {
    return "{\"message_id\":\""
        + messageId
        + "\",\"conversation_id\":\""
        + conversationId
        + "\",\"status\":\"available\",\"intent\":\"order_status\",\"summary\":\"Asks where"
        + " the order is.\",\"suggested_reply\":\"Let me check that for you.\",\"sentiment\":"
        + "\"neutral\",\"urgency\":\"high\",\"model\":\"phi3:mini\",\"attempts\":1,"
        + "\"latency_ms\":850}";
  }

  private static JsonPath customerMessage() {
    return asService()
        .body("{\"sender\":\"customer\",\"content\":\"Where is order 77?\"}")
        .post("/messages")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  @Test
  void anAvailableInsightReplacesProcessingAndShowsInTheList() {
    JsonPath m = customerMessage();
    String message = m.getString("id");
    String conversation = m.getString("conversation_id");

    asAiFunction()
        .body(available(message, conversation))
        .post("/ai-insights")
        .then()
        .statusCode(200) // it existed, as processing
        .body("status", equalTo("available"))
        .body("intent", equalTo("order_status"))
        .body("suggested_reply", equalTo("Let me check that for you."))
        .body("latency_ms", equalTo(850));

    asOperator("bob")
        .get("/conversations/" + conversation)
        .then()
        .body("messages[0].ai.status", equalTo("available"))
        .body("messages[0].ai.urgency", equalTo("high"))
        .body("messages[0].ai.model", equalTo("phi3:mini"));
    asOperator("bob")
        .queryParam("limit", 100)
        .get("/conversations")
        .then()
        .body(
            "items.find { it.conversation_id == '" + conversation + "' }.latest_intent",
            equalTo("order_status"))
        .body(
            "items.find { it.conversation_id == '" + conversation + "' }.latest_urgency",
            equalTo("high"));
  }

  @Test
  void aTerminalInsightIsNotDowngradedAndRepeatsAreIdempotent() {
    JsonPath m = customerMessage();
    String message = m.getString("id");
    String conversation = m.getString("conversation_id");
    asAiFunction()
        .body(available(message, conversation))
        .post("/ai-insights")
        .then()
        .statusCode(200);
    asAiFunction()
        .body(available(message, conversation))
        .post("/ai-insights")
        .then()
        .statusCode(200);
    asAiFunction()
        .body(
            "{\"message_id\":\""
                + message
                + "\",\"conversation_id\":\""
                + conversation
                + "\",\"status\":\"processing\",\"attempts\":2}")
        .post("/ai-insights")
        .then()
        .statusCode(200)
        .body("status", equalTo("available"))
        .body("attempts", equalTo(1));
    assertEquals(
        "1", Api.query("select count(*) from ai_insights where message_id = '" + message + "'"));
  }

  @Test
  void anInsightForAnUnanalysedMessageIsCreated() {
    UUID conversation = Api.customerSays(null, "hi");
    String reply =
        asOperator("bob")
            .body(
                "{\"sender\":\"operator\",\"conversation_id\":\""
                    + conversation
                    + "\",\"content\":\"hello\"}")
            .post("/messages")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    asAiFunction()
        .body(
            "{\"message_id\":\""
                + reply
                + "\",\"conversation_id\":\""
                + conversation
                + "\",\"status\":\"unavailable\",\"attempts\":3,\"error\":\"model timed out\"}")
        .post("/ai-insights")
        .then()
        .statusCode(201)
        .body("status", equalTo("unavailable"))
        .body("error", equalTo("model timed out"));
  }

  @Test
  void badReportsAre4xxAndStoreNothing() {
    JsonPath m = customerMessage();
    String message = m.getString("id");
    String conversation = m.getString("conversation_id");
    String before = Api.rowCounts();
    String insightBefore =
        Api.query(
            "select status || updated_at from ai_insights where message_id = '" + message + "'");

    asAiFunction()
        .body(available(UUID.randomUUID().toString(), conversation))
        .post("/ai-insights")
        .then()
        .statusCode(404)
        .body("error", equalTo("message_not_found"));
    asAiFunction()
        .body(available(message, UUID.randomUUID().toString()))
        .post("/ai-insights")
        .then()
        .statusCode(400)
        .body("field", equalTo("conversation_id"));
    asAiFunction()
        .body(available(message, conversation).replace("\"order_status\"", "\"shipping\""))
        .post("/ai-insights")
        .then()
        .statusCode(400)
        .body("field", equalTo("intent"));
    asAiFunction()
        .body(available(message, conversation).replace("\"intent\":\"order_status\",", ""))
        .post("/ai-insights")
        .then()
        .statusCode(400)
        .body("error", equalTo("missing_field"))
        .body("field", equalTo("intent"));
    asAiFunction()
        .body(available(message, conversation).replace("\"attempts\":1", "\"attempts\":-1"))
        .post("/ai-insights")
        .then()
        .statusCode(400)
        .body("field", equalTo("attempts"));
    asAiFunction()
        .body(
            available(message, conversation).replace("\"latency_ms\":850", "\"latency_ms\":\"x\""))
        .post("/ai-insights")
        .then()
        .statusCode(400)
        .body("field", equalTo("latency_ms"));

    assertEquals(before, Api.rowCounts());
    assertEquals(
        insightBefore,
        Api.query(
            "select status || updated_at from ai_insights where message_id = '" + message + "'"));
  }

  @Test
  void theConversationSummaryIsStoredAndCheckedAndGroundingWithIt() {
    JsonPath m = customerMessage();
    String message = m.getString("id");
    String conversation = m.getString("conversation_id");
    String body =
        available(message, conversation)
            .replace(
                "\"latency_ms\":850",
                "\"latency_ms\":850,\"conversation_summary\":\"Wants the parcel; nothing done.\","
                    + "\"reply_basis\":\"knowledge\",\"sources\":[{\"kind\":\"article\",\"id\":\""
                    + UUID.randomUUID()
                    + "\",\"title\":\"Tracking\",\"score\":0.61}]");
    asAiFunction()
        .body(body)
        .post("/ai-insights")
        .then()
        .statusCode(200) // the customer message's processing insight, updated
        .body("conversation_summary", equalTo("Wants the parcel; nothing done."))
        .body("reply_basis", equalTo("knowledge"))
        .body("sources[0].title", equalTo("Tracking"))
        .body("sources[0].kind", equalTo("article"));
    asOperator("bob")
        .get("/conversations/" + conversation)
        .then()
        .statusCode(200)
        .body("messages[0].ai.conversation_summary", equalTo("Wants the parcel; nothing done."))
        .body("messages[0].ai.sources[0].score", equalTo(0.61f));

    String before = Api.rowCounts();
    asAiFunction()
        .body(
            available(message, conversation)
                .replace(
                    "\"latency_ms\":850",
                    "\"latency_ms\":850,\"conversation_summary\":\"" + "x".repeat(1_001) + "\""))
        .post("/ai-insights")
        .then()
        .statusCode(400)
        .body("field", equalTo("conversation_summary"));
    asAiFunction()
        .body(
            available(message, conversation)
                .replace("\"latency_ms\":850", "\"latency_ms\":850,\"reply_basis\":\"guess\""))
        .post("/ai-insights")
        .then()
        .statusCode(400)
        .body("field", equalTo("reply_basis"));
    asAiFunction()
        .body(
            available(message, conversation)
                .replace(
                    "\"latency_ms\":850",
                    "\"latency_ms\":850,\"sources\":[{\"kind\":\"web\",\"id\":\""
                        + UUID.randomUUID()
                        + "\",\"title\":\"x\",\"score\":0.5}]"))
        .post("/ai-insights")
        .then()
        .statusCode(400)
        .body("field", equalTo("sources"));
    assertEquals(before, Api.rowCounts());
    // The refused reports changed nothing of the stored insight either.
    asOperator("bob")
        .get("/conversations/" + conversation)
        .then()
        .body("messages[0].ai.conversation_summary", equalTo("Wants the parcel; nothing done."))
        .body("messages[0].ai.reply_basis", equalTo("knowledge"));
  }
}
