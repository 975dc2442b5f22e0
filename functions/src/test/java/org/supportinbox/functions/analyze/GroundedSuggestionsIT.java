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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.supportinbox.functions.analyze.ollama.PromptBuilder;
import org.supportinbox.testing.FunctionUnderTest;
import org.supportinbox.testing.OllamaDouble;

/**
 * Grounded suggestions end to end: an article written in messaging is indexed by the replica's
 * indexer ({@code article.changed} → passages and embeddings in messaging), read into its in-memory
 * index, and found for a customer message; the LLM (the Ollama double) gets it in the prompt
 * between its markers, a reply that invents a figure is sent back for repair, and the stored
 * insight names the article as its source. The embedded provider answers from the same article.
 */
class GroundedSuggestionsIT extends ReplicasAgainstDouble {

  private static final Pattern REVISION = Pattern.compile("revision (\\d+)");

  private final List<String> articles = new java.util.ArrayList<>();

  /** The articles of a test are deleted after it, so other tests' messages find none of them. */
  @AfterEach
  void deleteArticles() {
    for (String id : articles) {
      given()
          .baseUri(Inbox.MESSAGING.url(""))
          .header("Authorization", "Bearer " + Inbox.MESSAGING.token("ada-admin", "admin"))
          .delete("/kb/articles/" + id)
          .then()
          .statusCode(204);
    }
    articles.clear();
  }

  private String article(String title, String body, String language) {
    String id =
        given()
            .baseUri(Inbox.MESSAGING.url(""))
            .header("Authorization", "Bearer " + Inbox.MESSAGING.operatorToken("alice"))
            .contentType(ContentType.JSON)
            .body(Map.of("title", title, "body", body, "language", language))
            .post("/kb/articles")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    articles.add(id);
    return id;
  }

  /** Until the article is indexed and {@code replica} holds the index at least as far. */
  private static void awaitSearchable(FunctionUnderTest replica, String articleId) {
    awaitHeld(replica, articleId, false);
  }

  /**
   * Until the index has the article's passages ({@code deleted} false) or its tombstone, and {@code
   * replica} holds the index at least as far.
   */
  private static void awaitHeld(FunctionUnderTest replica, String articleId, boolean deleted) {
    long[] revision = new long[1];
    await("article " + articleId + (deleted ? " deleted" : " indexed"))
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              String r =
                  query(
                      "select revision from kb_passage_sets where source_id = '"
                          + articleId
                          + "' and deleted = "
                          + deleted);
              if (r == null) {
                return false;
              }
              revision[0] = Long.parseLong(r);
              return true;
            });
    await("the replica holds revision " + revision[0])
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Matcher m = REVISION.matcher(replica.log());
              long held = 0;
              while (m.find()) {
                held = Math.max(held, Long.parseLong(m.group(1)));
              }
              return held >= revision[0];
            });
  }

  private static String query(String sql) throws Exception {
    try (java.sql.Connection c = Inbox.MESSAGING.database.connect();
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : null;
    }
  }

  private static Map<String, Object> awaitInsight(JsonPath message) {
    await("insight")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> !"processing".equals(Inbox.status(message)));
    return Inbox.insight(message.getString("conversation_id"), message.getString("id"));
  }

  private static String insight(String reply) {
    return "{\"intent\":\"refund\",\"summary\":\"Asks how long returns are possible.\","
        + "\"suggested_reply\":\""
        + reply
        + "\",\"sentiment\":\"neutral\",\"urgency\":\"normal\"}";
  }

  @Test
  void theLlmGetsThePassageAndAReplyWithAConflictingPolicyIsRepaired() throws Exception {
    FunctionUnderTest replica = replicas.start("fn-grounded", Map.of());
    String tag = UUID.randomUUID().toString();
    String id =
        article(
            "Returning shoes and clothes",
            "Shoes and clothes can be returned within 14 days of delivery, unworn and with their"
                + " labels. The refund reaches your account within 5 business days after the"
                + " parcel arrives at our warehouse.",
            "en");
    awaitSearchable(replica, id);

    AtomicInteger calls = new AtomicInteger();
    ollama.script(
        call -> {
          if (call.prompt() == null || !call.prompt().contains(tag)) {
            return OllamaDouble.text(OllamaDouble.VALID_INSIGHT);
          }
          // First the customer's claim as if it were the policy; after the repair request, the
          // knowledge base's.
          return OllamaDouble.text(
              calls.incrementAndGet() == 1
                  ? insight("Yes, you can return your shoes within 60 days of delivery.")
                  : insight("You can return your shoes within 14 days of delivery, unworn."));
        });
    JsonPath message =
        Inbox.customerSays(
            "Your website says I can return shoes within 60 days of delivery. Can I still return"
                + " the shoes I bought? ["
                + tag
                + "]");
    Map<String, Object> ai = awaitInsight(message);

    assertThat(ai).containsEntry("status", "available").containsEntry("reply_basis", "knowledge");
    assertThat((String) ai.get("suggested_reply")).contains("14 days").doesNotContain("60");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> sources = (List<Map<String, Object>>) ai.get("sources");
    assertThat(sources).hasSize(1);
    assertThat(sources.get(0))
        .containsEntry("kind", "article")
        .containsEntry("id", id)
        .containsEntry("title", "Returning shoes and clothes");
    assertThat(((Number) sources.get(0).get("score")).doubleValue()).isBetween(0.3, 1.0);

    List<OllamaDouble.Call> mine =
        ollama.calls().stream()
            .filter(c -> c.prompt() != null && c.prompt().contains(tag))
            .toList();
    assertThat(mine).hasSize(2);
    String prompt = mine.get(0).prompt();
    int start = prompt.indexOf(PromptBuilder.KNOWLEDGE_START);
    int end = prompt.indexOf(PromptBuilder.KNOWLEDGE_END);
    assertThat(start).isGreaterThanOrEqualTo(0);
    assertThat(prompt.indexOf("within 14 days of delivery")).isBetween(start, end);
    assertThat(mine.get(1).prompt())
        .contains("Your previous answer could not be used: suggested_reply states 60");
  }

  @Test
  void aMessageTheKnowledgeBaseDoesNotCoverGetsNoSourceAndTheModelIsToldSo() throws Exception {
    FunctionUnderTest replica = replicas.start("fn-ungrounded", Map.of());
    String id =
        article(
            "Changing your password",
            "Open Settings, then Security, and choose a new password of at least 12 characters.",
            "en");
    awaitSearchable(replica, id);
    String tag = UUID.randomUUID().toString();
    JsonPath message =
        Inbox.customerSays("The parcel with my new lamp arrived broken, what now? [" + tag + "]");
    Map<String, Object> ai = awaitInsight(message);
    assertThat(ai).containsEntry("status", "available").containsEntry("reply_basis", "model");
    assertThat((List<?>) ai.get("sources")).isEmpty();
    String prompt =
        ollama.calls().stream()
            .filter(c -> c.prompt() != null && c.prompt().contains(tag))
            .findFirst()
            .orElseThrow()
            .prompt();
    assertThat(prompt).startsWith(PromptBuilder.NO_KNOWLEDGE).doesNotContain("Security");
  }

  @Test
  void theEmbeddedProviderAnswersFromTheArticleAndForgetsItOnceDeleted() throws Exception {
    FunctionUnderTest replica = replicas.start("fn-embedded-kb", Map.of("AI_PROVIDER", "embedded"));
    String id =
        article(
            "Gift card balance",
            "Your gift card balance is shown on the card's page in your account. Gift cards"
                + " never expire and can be used for any order.",
            "en");
    awaitSearchable(replica, id);

    Map<String, Object> ai =
        awaitInsight(Inbox.customerSays("Do gift cards expire? How do I see the balance?"));
    assertThat(ai).containsEntry("status", "available").containsEntry("reply_basis", "knowledge");
    assertThat((String) ai.get("suggested_reply"))
        .startsWith("Hi Ada,\n\n")
        .contains("Gift cards never expire");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> sources = (List<Map<String, Object>>) ai.get("sources");
    assertThat(sources).extracting(s -> s.get("id")).containsExactly(id);

    // Deleted: its tombstone reaches the replica, and the same question gets the macro.
    deleteArticles();
    awaitHeld(replica, id, true);
    Map<String, Object> after =
        awaitInsight(Inbox.customerSays("Do gift cards expire? How do I see the balance?"));
    assertThat(after).containsEntry("reply_basis", "macro");
    assertThat((List<?>) after.get("sources")).isEmpty();
  }

  @Test
  void withPastAnswersOnAResolvedConversationsAnswerGroundsTheNextOne() throws Exception {
    FunctionUnderTest replica = replicas.start("fn-past-answers", Map.of("KB_PAST_ANSWERS", "on"));
    JsonPath asked = Inbox.customerSays("How long does the warranty on the espresso machine last?");
    String conversation = asked.getString("conversation_id");
    Inbox.operatorSays(
        conversation,
        "Hi Ada,\nThe espresso machine warranty lasts two years from delivery and covers the pump"
            + " and the heater.\nBest regards,\nBen");
    given()
        .baseUri(Inbox.MESSAGING.url(""))
        .header("Authorization", "Bearer " + Inbox.MESSAGING.operatorToken("alice"))
        .contentType(ContentType.JSON)
        .body(Map.of("status", "resolved"))
        .patch("/conversations/" + conversation)
        .then()
        .statusCode(200);
    awaitHeld(replica, conversation, false);
    assertThat(query("select kind from kb_passage_sets where source_id = '" + conversation + "'"))
        .isEqualTo("conversation");
    assertThat(query("select text from kb_passages where source_id = '" + conversation + "'"))
        .isEqualTo(
            "The espresso machine warranty lasts two years from delivery and covers the pump and"
                + " the heater.");

    String tag = UUID.randomUUID().toString();
    Map<String, Object> ai =
        awaitInsight(
            Inbox.customerSays(
                "Is the pump of my espresso machine still under warranty? [" + tag + "]"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> sources = (List<Map<String, Object>>) ai.get("sources");
    assertThat(sources)
        .anySatisfy(
            s ->
                assertThat(s)
                    .containsEntry("kind", "conversation")
                    .containsEntry("id", conversation));
    String prompt =
        ollama.calls().stream()
            .filter(c -> c.prompt() != null && c.prompt().contains(tag))
            .findFirst()
            .orElseThrow()
            .prompt();
    assertThat(prompt)
        .contains("Past answer to: How long does the warranty on the espresso machine last?")
        .doesNotContain("Best regards")
        .doesNotContain("Hi Ada");
  }
}
