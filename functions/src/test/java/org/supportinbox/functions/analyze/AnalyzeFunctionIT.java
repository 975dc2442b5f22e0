package org.supportinbox.functions.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import io.restassured.path.json.JsonPath;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.events.AiCompleted;
import org.supportinbox.contracts.events.MessageCreated;
import org.supportinbox.functions.runtime.Json;
import org.supportinbox.testing.FunctionUnderTest;
import org.supportinbox.testing.OllamaDouble;

/**
 * The analyze function as separate processes against the real messaging WAR on Payara Micro, real
 * PostgreSQL and RabbitMQ, with an Ollama double in place of the model server.
 */
class AnalyzeFunctionIT extends ReplicasAgainstDouble {

  private FunctionUnderTest replica(String name, Map<String, String> overrides) throws Exception {
    return replicas.start(name, overrides);
  }

  private static void awaitTerminal(List<JsonPath> messages, Duration atMost) {
    await("every insight terminal")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                messages.stream()
                    .map(Inbox::status)
                    .allMatch(s -> "available".equals(s) || "unavailable".equals(s)));
  }

  @Test
  void everyCustomerMessageGetsOneStoredInsightAndOneEvent() throws Exception {
    replica("fn-basic", Map.of());
    List<JsonPath> messages = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      messages.add(Inbox.customerSays("My invoice number " + i + " is wrong"));
    }
    JsonPath reply =
        Inbox.operatorSays(messages.get(0).getString("conversation_id"), "Checking it now");
    awaitTerminal(messages, Duration.ofSeconds(60));

    for (JsonPath m : messages) {
      Map<String, Object> ai = Inbox.insight(m.getString("conversation_id"), m.getString("id"));
      assertThat(ai)
          .containsEntry("status", "available")
          .containsEntry("intent", "billing")
          .containsEntry("summary", "The customer reports a wrong invoice.")
          .containsEntry("suggested_reply", "Sorry about that, I am checking your invoice now.")
          .containsEntry("sentiment", "negative")
          .containsEntry("urgency", "high")
          .containsEntry("model", "phi3:mini")
          .containsEntry("attempts", 1);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> inbox.completedFor(m.getString("id")) >= 1);
      Inbox.Completed event =
          inbox.completed.stream()
              .filter(c -> c.messageId().equals(m.getString("id")))
              .findFirst()
              .orElseThrow();
      assertThat(event.status()).isEqualTo("available");
      // Signed with the function's own key, which the gateway checks; not with JWT_SECRET.
      assertThat(event.signedWith(Inbox.MESSAGING.aiFunctionSecret)).isTrue();
      assertThat(event.signedWith(Inbox.MESSAGING.secret)).isFalse();
      assertThat(event.body())
          .containsEntry("event_type", "ai.completed")
          .containsEntry("schema_version", AiCompleted.SCHEMA_VERSION)
          .containsEntry("conversation_id", m.getString("conversation_id"));
      @SuppressWarnings("unchecked")
      Map<String, Object> ai2 = (Map<String, Object>) event.body().get("ai");
      assertThat(ai2)
          .containsEntry("intent", "billing")
          .containsEntry("urgency", "high")
          .containsEntry("language", ai.get("language"));
    }
    // The operator's reply is not analysed: no insight, and it never reached the model.
    assertThat(Inbox.insight(reply.getString("conversation_id"), reply.getString("id"))).isNull();
    assertThat(ollama.calls())
        .noneMatch(c -> c.prompt().contains("Checking it now") && !c.prompt().contains("invoice"));

    // What the model was asked: structured output, deterministic, bounded, kept loaded.
    OllamaDouble.Call call = ollama.calls().get(ollama.calls().size() - 1);
    assertThat(call.path()).isEqualTo("/api/generate");
    assertThat(call.format().toString()).contains("\"suggested_reply\"").contains("\"billing\"");
    assertThat(call.options().getJsonNumber("temperature").doubleValue()).isZero();
    assertThat(call.options().getInt("num_predict")).isEqualTo(512);
    assertThat(call.keepAlive()).isEqualTo("\"30m\"");
    assertThat(call.system()).contains("technical_issue");
  }

  /**
   * The customer's language is detected by the function, stored and published with the insight, and
   * put into the prompt: the reply in it, the summary in {@code AI_TEAM_LANGUAGE}.
   */
  @Test
  void theLanguageIsStoredPublishedAndPutIntoThePrompt() throws Exception {
    replica("fn-language", Map.of("AI_TEAM_LANGUAGE", "fr"));
    JsonPath german =
        Inbox.customerSays(
            "Guten Tag, ich habe meine Rechnung bekommen und der Betrag stimmt leider nicht.");
    JsonPath tooShort = Inbox.customerSays("ok 4711");
    awaitTerminal(List.of(german, tooShort), Duration.ofSeconds(60));

    Map<String, Object> ai =
        Inbox.insight(german.getString("conversation_id"), german.getString("id"));
    assertThat(ai).containsEntry("status", "available").containsEntry("language", "de");
    assertThat(Inbox.insight(tooShort.getString("conversation_id"), tooShort.getString("id")))
        .containsEntry("status", "available")
        .containsEntry("language", null);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> inbox.completedFor(german.getString("id")) >= 1);
    @SuppressWarnings("unchecked")
    Map<String, Object> published =
        (Map<String, Object>)
            inbox.completed.stream()
                .filter(c -> c.messageId().equals(german.getString("id")))
                .findFirst()
                .orElseThrow()
                .body()
                .get("ai");
    assertThat(published).containsEntry("language", "de");

    OllamaDouble.Call call =
        ollama.calls().stream()
            .filter(c -> c.prompt().contains("Rechnung bekommen"))
            .findFirst()
            .orElseThrow();
    assertThat(call.prompt())
        .contains("The customer writes in German (de): write suggested_reply in German (de).");
    assertThat(call.system()).contains("written in French (fr) (the support team's language)");
    assertThat(
            ollama.calls().stream()
                .filter(c -> c.prompt().contains("ok 4711"))
                .findFirst()
                .orElseThrow()
                .prompt())
        .doesNotContain("The customer writes in");
  }

  @Test
  void invalidOutputIsRepairedOnceAndOtherwiseUnavailable() throws Exception {
    replica("fn-repair", Map.of());
    ollama.replies(
        OllamaDouble.text("Sure! The customer seems unhappy about billing."),
        OllamaDouble.text("```json\n" + OllamaDouble.VALID_INSIGHT + "\n```"));
    int before = ollama.calls().size();
    JsonPath fixable = Inbox.customerSays("my invoice is wrong");
    awaitTerminal(List.of(fixable), Duration.ofSeconds(60));
    assertThat(Inbox.insight(fixable.getString("conversation_id"), fixable.getString("id")))
        .containsEntry("status", "available")
        .containsEntry("intent", "billing");
    List<OllamaDouble.Call> calls = ollama.calls().subList(before, ollama.calls().size());
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1).prompt()).contains("Sure! The customer seems unhappy about billing.");

    ollama.replies(
        OllamaDouble.text("Sure! The customer seems unhappy about billing."),
        OllamaDouble.text("{\"intent\": \"billing\""));
    before = ollama.calls().size();
    JsonPath hopeless = Inbox.customerSays("my invoice is still wrong");
    awaitTerminal(List.of(hopeless), Duration.ofSeconds(60));
    Map<String, Object> bad =
        Inbox.insight(hopeless.getString("conversation_id"), hopeless.getString("id"));
    assertThat(bad).containsEntry("status", "unavailable");
    assertThat((String) bad.get("error")).startsWith("invalid_output");
    assertThat(ollama.calls().size() - before).as("one repair request, no more").isEqualTo(2);
  }

  @Test
  void ollamaDownIsRetriedAndTheMessageCompletesWhenItIsBack() throws Exception {
    FunctionUnderTest fn = replica("fn-outage", Map.of("AI_RETRY_DELAYS", "1s,2s,30s"));
    ollama.unreachable();
    JsonPath m = Inbox.customerSays("Where is my parcel?");
    await("a retry")
        .atMost(Duration.ofSeconds(20))
        .until(() -> fn.metric("ai_events_retried_total") >= 1);
    assertThat(Inbox.status(m)).isEqualTo("processing");
    assertThat(fn.metric("ai_events_failed_total{reason=\"ollama_unreachable\"}")).isPositive();
    ollama.reachable();
    awaitTerminal(List.of(m), Duration.ofSeconds(60));
    Map<String, Object> ai = Inbox.insight(m.getString("conversation_id"), m.getString("id"));
    assertThat(ai).containsEntry("status", "available");
    assertThat((Integer) ai.get("attempts")).isGreaterThan(1);
  }

  @Test
  void faultsThatOutlastTheRetriesEndUnavailableWithTheReason() throws Exception {
    replica("fn-missing-model", Map.of("OLLAMA_MODEL", "llama3:8b", "AI_RETRY_DELAYS", "1s"));
    JsonPath missing = Inbox.customerSays("model missing case");
    awaitTerminal(List.of(missing), Duration.ofSeconds(60));
    Map<String, Object> ai =
        Inbox.insight(missing.getString("conversation_id"), missing.getString("id"));
    assertThat(ai).containsEntry("status", "unavailable").containsEntry("attempts", 2);
    assertThat((String) ai.get("error")).startsWith("model_missing").contains("llama3:8b");
    replicas.close();

    ollama.latency(Duration.ofSeconds(3));
    replica("fn-timeout", Map.of("OLLAMA_TIMEOUT", "1s", "AI_RETRY_DELAYS", "1s"));
    JsonPath slow = Inbox.customerSays("timeout case");
    awaitTerminal(List.of(slow), Duration.ofSeconds(60));
    Map<String, Object> timedOut =
        Inbox.insight(slow.getString("conversation_id"), slow.getString("id"));
    assertThat(timedOut).containsEntry("status", "unavailable");
    assertThat((String) timedOut.get("error")).startsWith("ollama_timeout");
    replicas.close();

    ollama.latency(Duration.ZERO).script(call -> OllamaDouble.failure(500, "llama runner died"));
    replica("fn-5xx", Map.of("AI_RETRY_DELAYS", "1s"));
    JsonPath broken = Inbox.customerSays("server error case");
    awaitTerminal(List.of(broken), Duration.ofSeconds(60));
    Map<String, Object> failed =
        Inbox.insight(broken.getString("conversation_id"), broken.getString("id"));
    assertThat(failed).containsEntry("status", "unavailable");
    assertThat((String) failed.get("error"))
        .startsWith("ollama_error")
        .contains("llama runner died");
  }

  @Test
  void aPoisonEventGoesToTheDeadLetterQueueAndWorkGoesOn() throws Exception {
    FunctionUnderTest fn = replica("fn-poison", Map.of());
    inbox.publishRaw(MessageCreated.TYPE, "{not json at all");
    inbox.publishRaw(
        MessageCreated.TYPE,
        "{\"event_type\":\"message.created\",\"message_id\":\"nope\",\"sender\":\"customer\"}");
    JsonPath m = Inbox.customerSays("after the poison");
    awaitTerminal(List.of(m), Duration.ofSeconds(30));
    await().atMost(Duration.ofSeconds(10)).until(() -> inbox.depth("ai.analyze.dead") >= 2);
    List<String> reasons = new ArrayList<>();
    GetResponse r;
    while ((r = inbox.take("ai.analyze.dead")) != null) {
      reasons.add(String.valueOf(r.getProps().getHeaders().get("x-dead-reason")));
    }
    assertThat(reasons)
        .anyMatch(s -> s.startsWith("unreadable event: not JSON"))
        .anyMatch(s -> s.contains("is missing or not a string") || s.contains("not a UUID"));
    assertThat(fn.metric("ai_events_dead_lettered_total")).isEqualTo(2.0);
    assertThat(fn.alive()).isTrue();
  }

  @Test
  void aRedeliveredEventOfATerminalInsightOnlyPublishesAgain() throws Exception {
    FunctionUnderTest fn = replica("fn-idempotent", Map.of());
    JsonPath m = Inbox.customerSays("Please cancel my subscription");
    awaitTerminal(List.of(m), Duration.ofSeconds(30));
    await().atMost(Duration.ofSeconds(10)).until(() -> inbox.completedFor(m.getString("id")) == 1);
    int calls = ollama.calls().size();

    MessageCreated again =
        new org.supportinbox.contracts.rest.MessageView(
                java.util.UUID.fromString(m.getString("id")),
                java.util.UUID.fromString(m.getString("conversation_id")),
                "customer",
                "Ada",
                "Please cancel my subscription",
                null,
                false,
                java.time.Instant.now(),
                null,
                null,
                null)
            .created(null);
    inbox.publishRaw(MessageCreated.TYPE, Json.MAPPER.writeValueAsBytes(again));
    await().atMost(Duration.ofSeconds(10)).until(() -> inbox.completedFor(m.getString("id")) == 2);
    assertThat(ollama.calls()).hasSize(calls);
    assertThat(fn.metric("ai_events_processed_total{result=\"republished\"}")).isEqualTo(1.0);
    assertThat(fn.metric("ai_events_processed_total{result=\"available\"}")).isEqualTo(1.0);
    assertThat(fn.metric("ai_llm_request_seconds_count{outcome=\"ok\"}")).isEqualTo(1.0);
    // The first delivery read its context from the event; the copy without one asked messaging,
    // which told it the insight was there already.
    assertThat(fn.metric("ai_context_source_total{source=\"event\"}")).isEqualTo(1.0);
    assertThat(fn.metric("ai_context_source_total{source=\"messaging\"}")).isEqualTo(1.0);
  }

  @Test
  void reanalyzeRunsTheModelAgainForAnySender() throws Exception {
    replica("fn-reanalyze", Map.of());
    JsonPath m = Inbox.customerSays("My invoice is wrong");
    awaitTerminal(List.of(m), Duration.ofSeconds(30));
    JsonPath reply = Inbox.operatorSays(m.getString("conversation_id"), "Which invoice number?");
    int calls = ollama.calls().size();
    ollama.script(
        call ->
            OllamaDouble.text(
                "{\"intent\":\"complaint\",\"summary\":\"Second look.\","
                    + "\"suggested_reply\":\"Let me check again.\"}"));

    assertThat(Inbox.reanalyze(m.getString("id")).getString("ai.status")).isEqualTo("processing");
    assertThat(Inbox.reanalyze(reply.getString("id")).getString("ai.status"))
        .isEqualTo("processing");
    awaitTerminal(List.of(m, reply), Duration.ofSeconds(30));
    assertThat(Inbox.insight(m.getString("conversation_id"), m.getString("id")))
        .containsEntry("status", "available")
        .containsEntry("intent", "complaint")
        .containsEntry("summary", "Second look.")
        .containsEntry("sentiment", "neutral")
        .containsEntry("urgency", "normal");
    assertThat(Inbox.insight(reply.getString("conversation_id"), reply.getString("id")))
        .containsEntry("status", "available")
        .containsEntry("intent", "complaint");
    assertThat(ollama.calls()).hasSize(calls + 2);
    // The reply's analysis sees the customer's message as context.
    assertThat(ollama.calls().subList(calls, calls + 2))
        .anyMatch(
            c ->
                c.prompt().contains("Which invoice number?")
                    && c.prompt().contains("invoice is wrong"));
  }

  @Test
  void healthIsOpenAndMetricsNeedTheToken() throws Exception {
    FunctionUnderTest fn = replica("fn-http", Map.of());
    HttpResponse<String> health = fn.get("/health", false);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"broker\"");
    assertThat(fn.get("/metrics", false).statusCode()).isEqualTo(401);
    HttpResponse<String> metrics = fn.get("/metrics", true);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("ai_events_in_flight 0.0")
        .contains("ai_events_retried_total 0.0")
        .contains("ai_events_dead_lettered_total 0.0");
    assertThat(new String(fn.get("/nope", false).body().getBytes(StandardCharsets.UTF_8)))
        .contains("not_found");
  }
}
