package org.supportinbox.functions.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.FunctionUnderTest;
import org.supportinbox.testing.OllamaDouble;

/**
 * Which provider analyses a message ({@code AI_PROVIDER}), with replicas as real processes against
 * the real messaging WAR, PostgreSQL and RabbitMQ, and the Ollama double up, down, without the
 * model, failing and writing nonsense. The Ollama-only behaviour (retries, then {@code
 * unavailable}) is AnalyzeFunctionIT's, which runs with {@code AI_PROVIDER=ollama}.
 */
class ProviderSelectionIT extends ReplicasAgainstDouble {

  private static final String EMBEDDED = "embedded:all-minilm-l6-v2-q";

  private FunctionUnderTest auto(String name, Map<String, String> overrides) throws Exception {
    Map<String, String> env = new HashMap<>(overrides);
    env.put("AI_PROVIDER", "auto");
    // Long retry delays: a test that ends "available" quickly proves no retry was needed.
    env.put("AI_RETRY_DELAYS", "30s");
    env.putIfAbsent("OLLAMA_PROBE_INTERVAL", "1s");
    return replicas.start(name, env);
  }

  /** The insight of a new customer message once terminal. */
  private static Map<String, Object> analysed(String text) {
    JsonPath m = Inbox.customerSays(text);
    await("insight terminal")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              String status = Inbox.status(m);
              return "available".equals(status) || "unavailable".equals(status);
            });
    return Inbox.insight(m.getString("conversation_id"), m.getString("id"));
  }

  @Test
  void autoAsksOllamaWhenItAnswersAndHasTheModel() throws Exception {
    auto("fn-auto-up", Map.of());
    Map<String, Object> ai = analysed("My invoice is wrong, I was charged twice");
    assertThat(ai).containsEntry("status", "available").containsEntry("model", "phi3:mini");
    assertThat(ollama.calls()).extracting(OllamaDouble.Call::path).contains("/api/generate");
  }

  @Test
  void autoWithOllamaDownIsEmbeddedAndAvailableAtOnceThenOllamaAgainWhenBack() throws Exception {
    ollama.unreachable();
    FunctionUnderTest fn = auto("fn-auto-down", Map.of());
    Map<String, Object> ai = analysed("Hi, my order #48213 has not arrived after two weeks.");
    assertThat(ai)
        .containsEntry("status", "available")
        .containsEntry("model", EMBEDDED)
        .containsEntry("intent", "order_status")
        .containsEntry("attempts", 1);
    assertThat((String) ai.get("suggested_reply")).contains("48213");
    assertThat(ai.get("error")).isNull();

    ollama.reachable();
    // The probe's answer is kept OLLAMA_PROBE_INTERVAL (1 s here), then Ollama is asked again.
    await("Ollama used again")
        .atMost(Duration.ofSeconds(20))
        .until(() -> "phi3:mini".equals(analysed("Where is my parcel?").get("model")));
    String metrics = fn.get("/metrics", true).body();
    assertThat(metrics)
        .contains("ai_embedded_fallbacks_total{reason=\"not_usable\"}")
        .contains("ai_insights_total{provider=\"embedded\"}")
        .contains("ai_insights_total{provider=\"ollama\"}");
  }

  @Test
  void autoWithoutTheModelIsEmbedded() throws Exception {
    auto("fn-auto-nomodel", Map.of("OLLAMA_MODEL", "llama3:8b"));
    Map<String, Object> ai = analysed("I can't log in, the password reset email never arrives");
    assertThat(ai)
        .containsEntry("status", "available")
        .containsEntry("model", EMBEDDED)
        .containsEntry("intent", "account_access");
    assertThat(ollama.calls()).noneMatch(c -> c.path().equals("/api/generate"));
  }

  @Test
  void autoFallsBackWhenTheOllamaCallFailsAndSkipsOllamaForAnInterval() throws Exception {
    ollama.script(call -> OllamaDouble.failure(500, "model runner crashed"));
    FunctionUnderTest fn = auto("fn-auto-500", Map.of("OLLAMA_PROBE_INTERVAL", "60s"));
    Map<String, Object> first = analysed("Please cancel my subscription");
    assertThat(first)
        .containsEntry("status", "available")
        .containsEntry("model", EMBEDDED)
        .containsEntry("intent", "cancellation")
        .containsEntry("attempts", 1);
    int generates = generateCalls();
    Map<String, Object> second = analysed("I want a refund for my broken blender");
    assertThat(second).containsEntry("model", EMBEDDED).containsEntry("intent", "refund");
    // Within the interval the failed Ollama is not asked again.
    assertThat(generateCalls()).isEqualTo(generates);
    assertThat(fn.get("/metrics", true).body())
        .contains("ai_embedded_fallbacks_total{reason=\"ollama_error\"} 1.0");
  }

  @Test
  void autoFallsBackWhenOllamasOutputIsRejectedTwice() throws Exception {
    ollama.script(call -> OllamaDouble.text("I think the customer is upset about billing."));
    auto("fn-auto-invalid", Map.of());
    Map<String, Object> ai = analysed("You charged my card twice this month!");
    assertThat(ai)
        .containsEntry("status", "available")
        .containsEntry("model", EMBEDDED)
        .containsEntry("intent", "billing");
    assertThat(generateCalls()).isEqualTo(2); // the first answer and the repair
  }

  @Test
  void embeddedNeverAsksOllama() throws Exception {
    replicas.start("fn-embedded", Map.of("AI_PROVIDER", "embedded"));
    Map<String, Object> ai = analysed("Thank you so much, the new app is brilliant!");
    assertThat(ai)
        .containsEntry("status", "available")
        .containsEntry("model", EMBEDDED)
        .containsEntry("intent", "feedback")
        .containsEntry("sentiment", "positive");
    assertThat(ollama.calls()).isEmpty();
  }

  private static int generateCalls() {
    return (int) ollama.calls().stream().filter(c -> c.path().equals("/api/generate")).count();
  }
}
