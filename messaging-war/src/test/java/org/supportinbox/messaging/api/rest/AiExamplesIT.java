package org.supportinbox.messaging.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.supportinbox.messaging.api.rest.Api.asAiFunction;
import static org.supportinbox.messaging.api.rest.Api.asOperator;
import static org.supportinbox.messaging.api.rest.Api.asService;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT /ai-quality/corrections/{message_id}} (admins) and {@code GET /ai/examples} (AI
 * functions) against the real database: a decision needs an operator's correction, approving an
 * intent withdraws the message's other one, every decision takes a new feed position, the feed
 * pages by cursor, each route has its one role, and concurrent reviews leave the feed in commit
 * order. Other tests' decisions share the feed: each test reads from the position it started at and
 * looks at its own messages.
 */
class AiExamplesIT {

  private static RequestSpecification asAdmin(String name) {
    return Api.as(Api.MESSAGING.token(name, "admin"));
  }

  /** A customer message with an available insight of {@code intent} in {@code language}. */
  private static String analysed(String content, String intent, String language) {
    UUID conversation = UUID.randomUUID();
    String message =
        asService()
            .body(
                Map.of(
                    "sender",
                    "customer",
                    "conversation_id",
                    conversation.toString(),
                    "content",
                    content))
            .post("/messages")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    Map<String, Object> report = new java.util.HashMap<>();
    report.put("message_id", message);
    report.put("conversation_id", conversation.toString());
    report.put("status", "available");
    report.put("model", "embedded:all-minilm-l6-v2-q");
    report.put("attempts", 1);
    report.put("intent", intent);
    report.put("summary", "s");
    report.put("suggested_reply", "Bonjour");
    report.put("sentiment", "neutral");
    report.put("urgency", "normal");
    if (language != null) {
      report.put("language", language);
    }
    asAiFunction().body(report).post("/ai-insights").then().statusCode(200);
    return message;
  }

  private static void corrects(String operator, String message, String intent) {
    asOperator(operator)
        .body(Map.of("action", "correct_intent", "value", intent))
        .post("/messages/" + message + "/feedback")
        .then()
        .statusCode(200);
  }

  private static ValidatableResponse review(String message, String intent, String status) {
    return asAdmin("root")
        .body(Map.of("intent", intent, "status", status))
        .put("/ai-quality/corrections/" + message)
        .then();
  }

  /** The feed's position now: the highest one there is. */
  private static long position() {
    String max = Api.query("select coalesce(max(seq), 0) from ai_examples");
    return Long.parseLong(max);
  }

  /** Every decision after {@code after}, following the cursor page by page (pages of 2). */
  private static List<Map<String, Object>> feed(long after) {
    List<Map<String, Object>> all = new ArrayList<>();
    long cursor = after;
    for (int i = 0; i < 1_000; i++) {
      JsonPath page =
          asAiFunction()
              .queryParam("after", cursor)
              .queryParam("limit", 2)
              .get("/ai/examples")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      all.addAll(page.getList("examples"));
      long next = page.getLong("cursor");
      assertTrue(next >= cursor, "the cursor never goes back");
      cursor = next;
      if (!page.getBoolean("more")) {
        return all;
      }
    }
    throw new AssertionError("the feed does not end");
  }

  private static List<String> decisions(List<Map<String, Object>> feed, String message) {
    return feed.stream()
        .filter(e -> message.equals(e.get("message_id")))
        .map(e -> e.get("intent") + ":" + e.get("status"))
        .toList();
  }

  @Test
  void anApprovedCorrectionIsAnExampleInTheFeedWithTextAndLanguage() {
    long start = position();
    String text = "Est-ce que cette veste existe en bleu marine ?";
    String message = analysed(text, "other", "fr");
    corrects("bob", message, "product_question");

    review(message, "product_question", "approved")
        .statusCode(200)
        .body("message_id", equalTo(message))
        .body("intent", equalTo("product_question"))
        .body("text", equalTo(text))
        .body("language", equalTo("fr"))
        .body("status", equalTo("approved"))
        .body("reviewed_by", equalTo("root"));

    List<Map<String, Object>> feed = feed(start);
    assertEquals(List.of("product_question:approved"), decisions(feed, message));
    Map<String, Object> item =
        feed.stream().filter(e -> message.equals(e.get("message_id"))).findFirst().orElseThrow();
    assertEquals(text, item.get("text"));
    assertEquals("fr", item.get("language"));

    // The AI quality report shows the decision on the correction, and the language.
    JsonPath r = asAdmin("root").get("/ai-quality").then().statusCode(200).extract().jsonPath();
    List<Map<String, Object>> mine =
        r.<Map<String, Object>>getList("corrections").stream()
            .filter(c -> message.equals(c.get("message_id")))
            .toList();
    assertEquals(1, mine.size());
    assertEquals("approved", mine.get(0).get("review"));
    assertEquals("fr", mine.get(0).get("language"));
    assertTrue(r.getList("by_language.key").contains("fr"));
  }

  @Test
  void rejectingAndApprovingAnotherIntentMoveTheExampleWithNewPositions() {
    String message = analysed("Je veux arrêter mon abonnement", "billing", "fr");
    corrects("bob", message, "cancellation");
    corrects("carol", message, "complaint");
    long start = position();
    long first =
        review(message, "cancellation", "approved")
            .statusCode(200)
            .extract()
            .jsonPath()
            .getLong("seq");
    assertTrue(first > start);

    // Approving carol's intent withdraws bob's: a text has one intent.
    long second =
        review(message, "complaint", "approved")
            .statusCode(200)
            .extract()
            .jsonPath()
            .getLong("seq");
    assertTrue(second > first);
    assertEquals(
        "cancellation:rejected|complaint:approved",
        Api.query(
            "select string_agg(intent || ':' || status, '|' order by intent) from ai_examples"
                + " where message_id = '"
                + message
                + "'"));
    assertEquals(
        List.of("cancellation:rejected", "complaint:approved"), decisions(feed(start), message));

    // Rejected after all: the feed says so at a newer position; only the latest decision is there.
    long middle = position();
    review(message, "complaint", "rejected").statusCode(200).body("status", equalTo("rejected"));
    assertEquals(List.of("complaint:rejected"), decisions(feed(middle), message));
    assertEquals(
        List.of("cancellation:rejected", "complaint:rejected"), decisions(feed(start), message));
  }

  @Test
  void aDecisionNeedsACorrectionAndValidInput() {
    String message = analysed("Hello, where is my parcel?", "greeting", null);
    corrects("bob", message, "order_status");
    long start = position();

    review(message, "refund", "approved")
        .statusCode(400)
        .body("error", equalTo("no_such_correction"))
        .body("field", equalTo("intent"));
    review(message, "not_an_intent", "approved").statusCode(400).body("field", equalTo("intent"));
    review(message, "order_status", "maybe").statusCode(400).body("field", equalTo("status"));
    asAdmin("root")
        .body(Map.of("intent", "order_status"))
        .put("/ai-quality/corrections/" + message)
        .then()
        .statusCode(400)
        .body("field", equalTo("status"));
    review("not-a-uuid", "order_status", "approved").statusCode(400).body("field", equalTo("id"));
    review(UUID.randomUUID().toString(), "order_status", "approved").statusCode(404);
    assertEquals(start, position(), "nothing stored");

    // A sentiment correction is not reviewed: the report shows null, no pending review.
    asOperator("bob")
        .body(Map.of("action", "correct_sentiment", "value", "negative"))
        .post("/messages/" + message + "/feedback")
        .then()
        .statusCode(200);
    review(message, "order_status", "approved").statusCode(200).body("language", nullValue());
  }

  @Test
  void eachRouteHasItsOneRole() {
    String message = analysed("Where is my parcel?", "greeting", "en");
    corrects("bob", message, "order_status");
    Map<String, String> body = Map.of("intent", "order_status", "status", "approved");
    asOperator("bob").body(body).put("/ai-quality/corrections/" + message).then().statusCode(403);
    asService().body(body).put("/ai-quality/corrections/" + message).then().statusCode(403);
    asAiFunction().body(body).put("/ai-quality/corrections/" + message).then().statusCode(403);
    Api.as("").body(body).put("/ai-quality/corrections/" + message).then().statusCode(401);

    asOperator("bob").get("/ai/examples").then().statusCode(403);
    asAdmin("root").get("/ai/examples").then().statusCode(403);
    asService().get("/ai/examples").then().statusCode(403);
    asAiFunction()
        .queryParam("after", -1)
        .get("/ai/examples")
        .then()
        .statusCode(400)
        .body("field", equalTo("after"));
    asAiFunction().queryParam("after", "x").get("/ai/examples").then().statusCode(400);
    asAiFunction()
        .queryParam("limit", 0)
        .get("/ai/examples")
        .then()
        .statusCode(400)
        .body("field", equalTo("limit"));
    asAiFunction().queryParam("limit", 1_001).get("/ai/examples").then().statusCode(400);
    long end = position();
    asAiFunction()
        .queryParam("after", end)
        .get("/ai/examples")
        .then()
        .statusCode(200)
        .body("examples.size()", equalTo(0))
        .body("cursor", equalTo((int) end))
        .body("more", equalTo(false));
  }

  /**
   * Eight reviews at once: their positions are distinct and the feed read afterwards from the start
   * position lists each message once, in position order, none skipped.
   */
  @Test
  void concurrentReviewsTakeDistinctPositionsInOrder() throws Exception {
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String m = analysed("Parcel " + i + " has not arrived", "greeting", "en");
      corrects("bob", m, "order_status");
      messages.add(m);
    }
    long start = position();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Long>> calls = new ArrayList<>();
      for (String m : messages) {
        calls.add(
            () ->
                review(m, "order_status", "approved")
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getLong("seq"));
      }
      List<Long> seqs = new ArrayList<>();
      for (Future<Long> f : pool.invokeAll(calls)) {
        seqs.add(f.get());
      }
      assertEquals(8, seqs.stream().distinct().count());
      List<Map<String, Object>> feed = feed(start);
      for (String m : messages) {
        assertEquals(List.of("order_status:approved"), decisions(feed, m));
      }
      List<Long> order = feed.stream().map(e -> ((Number) e.get("seq")).longValue()).toList();
      assertEquals(order.stream().sorted().toList(), order);
      assertFalse(order.isEmpty());
    } finally {
      pool.shutdownNow();
    }
  }
}
