package org.supportinbox.functions.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.FunctionUnderTest;

/**
 * The global analysis budget ({@code AI_LLM_MAX_WAIT}) with a replica as a real process against the
 * real messaging WAR, PostgreSQL and RabbitMQ: a slow model, one analysis at a time and a burst of
 * customer messages. With {@code auto} the first events get the model, those that waited longer
 * than the budget get the embedded provider without a model call; with {@code ollama} every event
 * waits its turn. Nothing is lost or analysed twice either way.
 */
class LlmBudgetIT extends ReplicasAgainstDouble {

  private static final String EMBEDDED = "embedded:all-minilm-l6-v2-q";

  /**
   * The model's time per call. The budget is a bit more: the first event (which waited next to
   * nothing) and usually the second (which waited one call) get the model; from the third on, an
   * event has waited two calls, more than the budget. The margins are wide because the shared test
   * machine is slow at times.
   */
  private static final Duration MODEL_LATENCY = Duration.ofSeconds(3);

  private static final Duration MAX_WAIT = Duration.ofSeconds(4);

  private static final Pattern FALLBACK_LINE =
      Pattern.compile("over the LLM budget message_id=(\\S+) event_id=\\S+ waited_ms=(\\d+)");

  /**
   * A replica, healthy and warm: it has analysed one message with the double answering at once, so
   * the first event of the burst does not also wait for the first HTTP client, token and JSON codec
   * of a fresh JVM (a second or two on a busy machine).
   */
  private FunctionUnderTest replica(String name, String provider) throws Exception {
    FunctionUnderTest fn = start(name, provider);
    List<JsonPath> warmUp = burst(unique("warm-up"), 1);
    insights(warmUp, Duration.ofSeconds(60));
    return fn;
  }

  private FunctionUnderTest start(String name, String provider) throws Exception {
    return replicas.start(
        name,
        Map.of(
            "AI_PROVIDER",
            provider,
            "AI_CONCURRENCY",
            "1",
            "AI_LLM_MAX_WAIT",
            MAX_WAIT.toSeconds() + "s",
            // Longer than the test: an insight that is there proves no retry was needed.
            "AI_RETRY_DELAYS",
            "60s",
            "OLLAMA_TIMEOUT",
            "30s"));
  }

  /** {@code n} customer messages back to back, their texts starting with {@code prefix}. */
  private static List<JsonPath> burst(String prefix, int n) {
    List<JsonPath> messages = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      messages.add(Inbox.customerSays(prefix + " " + i + ": my invoice is wrong, please check"));
    }
    return messages;
  }

  /** A prefix no other test's messages have (events of earlier tests may still be queued). */
  private static String unique(String what) {
    return what + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Each message's insight once all are terminal, in the order they were sent. */
  private static List<Map<String, Object>> insights(List<JsonPath> messages, Duration atMost) {
    await("every insight terminal")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                messages.stream()
                    .map(Inbox::status)
                    .allMatch(s -> "available".equals(s) || "unavailable".equals(s)));
    return messages.stream()
        .map(m -> Inbox.insight(m.getString("conversation_id"), m.getString("id")))
        .toList();
  }

  /** One signed {@code ai.completed} per message, and exactly one. */
  private void assertOneEventEach(List<JsonPath> messages) {
    await("ai.completed for each")
        .atMost(Duration.ofSeconds(15))
        .until(() -> messages.stream().allMatch(m -> inbox.completedFor(m.getString("id")) >= 1));
    for (JsonPath m : messages) {
      assertThat(inbox.completedFor(m.getString("id"))).as("ai.completed events").isEqualTo(1);
    }
    assertThat(inbox.completed)
        .filteredOn(c -> messages.stream().anyMatch(m -> m.getString("id").equals(c.messageId())))
        .allMatch(c -> c.signedWith(Inbox.MESSAGING.aiFunctionSecret), "signed");
  }

  /** Model calls for this test's messages (their prompts carry the prefix). */
  private static long generateCalls(String prefix) {
    return ollama.calls().stream()
        .filter(c -> c.path().equals("/api/generate") && c.prompt().contains(prefix))
        .count();
  }

  @Test
  void autoGivesTheModelWhatItCanDoAndTheRestToTheEmbeddedProvider() throws Exception {
    FunctionUnderTest fn = replica("fn-budget-auto", "auto");
    ollama.latency(MODEL_LATENCY);
    ollama.reset();
    long rowsBefore = Inbox.insightRows();

    String prefix = unique("budget");
    List<JsonPath> messages = burst(prefix, 6);
    List<Map<String, Object>> insights = insights(messages, Duration.ofSeconds(90));

    List<String> models = insights.stream().map(ai -> (String) ai.get("model")).toList();
    assertThat(insights).allSatisfy(ai -> assertThat(ai).containsEntry("status", "available"));
    // The first event waited next to nothing: the model. The last one waited behind at least the
    // first call and more (over the budget): the embedded provider.
    assertThat(models.get(0)).isEqualTo("phi3:mini");
    assertThat(models.get(models.size() - 1)).isEqualTo(EMBEDDED);
    assertThat(models).containsOnly("phi3:mini", EMBEDDED);
    long byModel = models.stream().filter("phi3:mini"::equals).count();
    long embedded = models.size() - byModel;
    // An over-budget event costs no model call: the model saw exactly the events it analysed.
    assertThat(generateCalls(prefix)).isEqualTo(byModel);
    assertThat(ollama.maxConcurrentCalls()).isEqualTo(1);

    // Nothing lost, nothing doubled: one stored insight and one event per message.
    assertThat(Inbox.insightRows() - rowsBefore).isEqualTo(messages.size());
    assertOneEventEach(messages);
    assertThat(inbox.depth("ai.analyze.dead")).isZero();

    // One INFO line per fallback with the wait, which is over the budget, and each counted. Events
    // of earlier tests that this replica took count too, so the metric is compared to the whole
    // log of the process; read together until they agree, because the counter moves just before
    // its line is written and a late event can fall between the two reads.
    List<String> logged = new ArrayList<>();
    await("one logged line per counted fallback")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              double counted = fn.metric("ai_llm_budget_fallbacks_total");
              logged.clear();
              Matcher line = FALLBACK_LINE.matcher(fn.log());
              while (line.find()) {
                logged.add(line.group(1));
                assertThat(Long.parseLong(line.group(2))).isGreaterThan(MAX_WAIT.toMillis());
              }
              assertThat(counted).isEqualTo((double) logged.size());
            });
    List<String> embeddedIds = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      if (EMBEDDED.equals(models.get(i))) {
        embeddedIds.add(messages.get(i).getString("id"));
      }
    }
    assertThat(embeddedIds).hasSize((int) embedded);
    List<String> ids = messages.stream().map(m -> m.getString("id")).toList();
    assertThat(logged.stream().filter(ids::contains).toList())
        .containsExactlyInAnyOrderElementsOf(embeddedIds);
  }

  @Test
  void ollamaLetsEveryEventWaitItsTurn() throws Exception {
    FunctionUnderTest fn = replica("fn-budget-ollama", "ollama");
    ollama.latency(MODEL_LATENCY);
    ollama.reset();
    long rowsBefore = Inbox.insightRows();

    String prefix = unique("queued");
    List<JsonPath> messages = burst(prefix, 4);
    List<Map<String, Object>> insights = insights(messages, Duration.ofSeconds(90));

    // The last waited about three model calls (9 s, well over the budget), and still got it.
    assertThat(insights)
        .allSatisfy(
            ai ->
                assertThat(ai)
                    .containsEntry("status", "available")
                    .containsEntry("model", "phi3:mini"));
    assertThat(generateCalls(prefix)).isEqualTo(messages.size());
    assertThat(Inbox.insightRows() - rowsBefore).isEqualTo(messages.size());
    assertOneEventEach(messages);
    assertThat(fn.metric("ai_llm_budget_fallbacks_total")).isZero();
    assertThat(fn.log()).doesNotContain("over the LLM budget");
  }
}
