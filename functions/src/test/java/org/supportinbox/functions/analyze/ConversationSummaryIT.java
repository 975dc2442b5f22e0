package org.supportinbox.functions.analyze;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.OllamaDouble;

/**
 * The conversation summary rides with each customer message's insight: the model is shown the
 * summary written with the earlier message and writes the new one, which is stored and published
 * with the insight; the embedded provider writes an extractive one.
 */
class ConversationSummaryIT extends ReplicasAgainstDouble {

  private static JsonPath customerSaysIn(String conversationId, String content) {
    return given()
        .baseUri(Inbox.MESSAGING.url(""))
        .header("Authorization", "Bearer " + Inbox.MESSAGING.serviceToken())
        .contentType(ContentType.JSON)
        .body(Map.of("sender", "customer", "conversation_id", conversationId, "content", content))
        .post("/messages")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static Map<String, Object> awaitInsight(JsonPath message) {
    await("insight")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> !"processing".equals(Inbox.status(message)));
    return Inbox.insight(message.getString("conversation_id"), message.getString("id"));
  }

  private static String insight(String conversationSummary) {
    return "{\"intent\":\"order_status\",\"summary\":\"Asks about the parcel.\","
        + "\"suggested_reply\":\"I am checking with the carrier.\",\"sentiment\":\"neutral\","
        + "\"urgency\":\"normal\",\"conversation_summary\":\""
        + conversationSummary
        + "\"}";
  }

  @Test
  void theModelUpdatesTheSummaryItWroteWithTheEarlierMessage() throws Exception {
    replicas.start("fn-summary", Map.of());
    String tag = UUID.randomUUID().toString();
    ollama.script(
        call -> {
          String prompt = call.prompt() == null ? "" : call.prompt();
          if (!prompt.contains(tag)) {
            return OllamaDouble.text(OllamaDouble.VALID_INSIGHT);
          }
          return OllamaDouble.text(
              prompt.contains("summary so far: Parcel late; nothing done yet.")
                  ? insight("Parcel late; the customer asked again, still open.")
                  : insight("Parcel late; nothing done yet."));
        });
    JsonPath first = Inbox.customerSays("My parcel is late, where is it? [" + tag + "]");
    assertThat(awaitInsight(first))
        .containsEntry("conversation_summary", "Parcel late; nothing done yet.");
    Inbox.operatorSays(first.getString("conversation_id"), "Let me check that.");
    JsonPath second =
        customerSaysIn(first.getString("conversation_id"), "Any news on it? [" + tag + "]");
    Map<String, Object> ai = awaitInsight(second);
    assertThat(ai)
        .containsEntry("status", "available")
        .containsEntry(
            "conversation_summary", "Parcel late; the customer asked again, still open.");
    // The event carries it too.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                inbox.completed.stream()
                    .anyMatch(
                        c ->
                            second.getString("id").equals(c.messageId())
                                && "Parcel late; the customer asked again, still open."
                                    .equals(
                                        ((Map<?, ?>) c.body().get("ai"))
                                            .get("conversation_summary"))));
  }

  @Test
  void theEmbeddedProviderWritesAnExtractiveSummary() throws Exception {
    replicas.start("fn-summary-embedded", Map.of("AI_PROVIDER", "embedded"));
    JsonPath first =
        Inbox.customerSays("Hello. My order 4411 arrived with a broken lamp inside the box.");
    awaitInsight(first);
    Inbox.operatorSays(first.getString("conversation_id"), "Sorry about that, we send a new one.");
    JsonPath second =
        customerSaysIn(
            first.getString("conversation_id"), "Thanks, when will the new lamp be shipped?");
    String summary = (String) awaitInsight(second).get("conversation_summary");
    assertThat(summary)
        .startsWith("Asked: My order 4411 arrived with a broken lamp inside the box.")
        .contains(" · Answered: Sorry about that, we send a new one.")
        .contains(" · Now: ");
    assertThat(List.of(summary.length())).allMatch(n -> n <= 600);
  }
}
