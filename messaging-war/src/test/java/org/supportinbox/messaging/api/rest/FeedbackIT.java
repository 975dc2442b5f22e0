package org.supportinbox.messaging.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.supportinbox.messaging.api.rest.Api.MESSAGING;
import static org.supportinbox.messaging.api.rest.Api.asAiFunction;
import static org.supportinbox.messaging.api.rest.Api.asOperator;
import static org.supportinbox.messaging.api.rest.Api.asService;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /messages/{id}/feedback} and {@code GET /ai-quality} against the real database:
 * stored with the insight's model and fields at the time, a later feedback of the same kind
 * replacing the earlier, every refusal naming its field with nothing stored, and the figures of a
 * known data set computed right.
 */
class FeedbackIT {

  private static RequestSpecification asAdmin() {
    return Api.as(MESSAGING.token("root", "admin"));
  }

  /** A customer message in a new conversation, its insight available from {@code model}. */
  private static String analysed(String content, String model, String intent) {
    UUID conversation = UUID.randomUUID();
    JsonPath m =
        asService()
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
    String message = m.getString("id");
    asAiFunction()
        .body(
            "{\"message_id\":\""
                + message
                + "\",\"conversation_id\":\""
                + conversation
                + "\",\"status\":\"available\",\"model\":\""
                + model
                + "\",\"attempts\":1,\"intent\":\""
                + intent
                + "\",\"summary\":\"s\",\"suggested_reply\":\"Hello, your refund is on its way.\","
                + "\"sentiment\":\"negative\",\"urgency\":\"high\"}")
        .post("/ai-insights")
        .then()
        .statusCode(200);
    return message;
  }

  private static ValidatableResponse feedback(String operator, String message, String body) {
    return asOperator(operator).body(body).post("/messages/" + message + "/feedback").then();
  }

  private static String rows(String message) {
    return Api.query("select count(*) from ai_feedback where message_id = '" + message + "'");
  }

  @Test
  void storedWithTheInsightAsItWasAndTheOperatorFromTheToken() {
    String message = analysed("Where is my refund?", "phi3:mini", "refund");
    feedback("bob", message, "{\"action\":\"edited\",\"edit_ratio\":0.25}")
        .statusCode(200)
        .body("message_id", equalTo(message))
        .body("operator", equalTo("bob"))
        .body("kind", equalTo("reply"))
        .body("action", equalTo("edited"))
        .body("edit_ratio", equalTo(0.25f))
        .body("value", nullValue())
        .body("model", equalTo("phi3:mini"))
        .body("intent", equalTo("refund"))
        .body("sentiment", equalTo("negative"))
        .body("urgency", equalTo("high"));
    assertEquals(
        "bob|edited|0.25|phi3:mini|refund",
        Api.query(
            "select operator || '|' || action || '|' || edit_ratio || '|' || model || '|' ||"
                + " intent from ai_feedback where message_id = '"
                + message
                + "'"));

    // An admin's token counts as an operator's; sent as is has the ratio 0.
    String other = analysed("Refund?", "phi3:mini", "refund");
    asAdmin()
        .body("{\"action\":\"sent_as_is\"}")
        .post("/messages/" + other + "/feedback")
        .then()
        .statusCode(200)
        .body("operator", equalTo("root"))
        .body("edit_ratio", equalTo(0.0f));
  }

  @Test
  void aLaterFeedbackOfTheSameKindReplacesTheEarlier() {
    String message = analysed("I want my money back", "phi3:mini", "refund");
    feedback("bob", message, "{\"action\":\"dismissed\"}").statusCode(200);
    feedback("bob", message, "{\"action\":\"sent_as_is\"}").statusCode(200);
    feedback("bob", message, "{\"action\":\"correct_intent\",\"value\":\"billing\"}")
        .statusCode(200)
        .body("kind", equalTo("intent"))
        .body("value", equalTo("billing"))
        .body("intent", equalTo("refund"));
    feedback("bob", message, "{\"action\":\"correct_intent\",\"value\":\"complaint\"}")
        .statusCode(200);
    feedback("bob", message, "{\"action\":\"correct_urgency\",\"value\":\"low\"}").statusCode(200);
    // Another operator's feedback is their own row.
    feedback("carol", message, "{\"action\":\"dismissed\"}").statusCode(200);

    assertEquals("4", rows(message));
    assertEquals(
        "sent_as_is",
        Api.query(
            "select action from ai_feedback where message_id = '"
                + message
                + "' and operator = 'bob' and kind = 'reply'"));
    assertEquals(
        "complaint",
        Api.query(
            "select value from ai_feedback where message_id = '"
                + message
                + "' and operator = 'bob' and kind = 'intent'"));
  }

  @Test
  void badInputIsRefusedByFieldAndNothingIsStored() {
    String message = analysed("Refund please", "phi3:mini", "refund");
    Map<String, List<String>> refusals =
        Map.ofEntries(
            Map.entry("{\"action\":\"liked\"}", List.of("action", "invalid_field")),
            Map.entry("{}", List.of("action", "missing_field")),
            Map.entry("{\"action\":\"edited\"}", List.of("edit_ratio", "missing_field")),
            Map.entry(
                "{\"action\":\"edited\",\"edit_ratio\":1.5}",
                List.of("edit_ratio", "invalid_field")),
            Map.entry(
                "{\"action\":\"edited\",\"edit_ratio\":-0.1}",
                List.of("edit_ratio", "invalid_field")),
            Map.entry(
                "{\"action\":\"edited\",\"edit_ratio\":0}", List.of("edit_ratio", "invalid_field")),
            Map.entry(
                "{\"action\":\"edited\",\"edit_ratio\":1e400}",
                List.of("edit_ratio", "invalid_field")),
            Map.entry(
                "{\"action\":\"edited\",\"edit_ratio\":\"0.5\"}",
                List.of("edit_ratio", "invalid_field")),
            Map.entry(
                "{\"action\":\"dismissed\",\"edit_ratio\":0.5}",
                List.of("edit_ratio", "invalid_field")),
            Map.entry(
                "{\"action\":\"dismissed\",\"value\":\"billing\"}",
                List.of("value", "invalid_field")),
            Map.entry("{\"action\":\"correct_intent\"}", List.of("value", "missing_field")),
            Map.entry(
                "{\"action\":\"correct_intent\",\"value\":\"refunds\"}",
                List.of("value", "invalid_field")),
            Map.entry(
                "{\"action\":\"correct_intent\",\"value\":\"high\"}",
                List.of("value", "invalid_field")),
            Map.entry(
                "{\"action\":\"correct_sentiment\",\"value\":\"Negative\"}",
                List.of("value", "invalid_field")),
            Map.entry(
                "{\"action\":\"correct_urgency\",\"value\":\"high\"}",
                List.of("value", "invalid_field")),
            Map.entry(
                "{\"action\":\"dismissed\",\"operator\":\"alice\"}",
                List.of("operator", "unknown_field")));
    refusals.forEach(
        (body, expected) ->
            feedback("bob", message, body)
                .statusCode(400)
                .body("field", equalTo(expected.get(0)))
                .body("error", equalTo(expected.get(1))));
    feedback("bob", message, "not json").statusCode(400).body("error", equalTo("malformed_json"));
    assertEquals("0", rows(message));

    // A message without an available insight: an operator's reply, one still processing.
    String conversation =
        Api.query("select conversation_id from messages where id = '" + message + "'");
    String reply =
        asOperator("bob")
            .body(
                "{\"sender\":\"operator\",\"conversation_id\":\""
                    + conversation
                    + "\",\"content\":\"On it\"}")
            .post("/messages")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    feedback("bob", reply, "{\"action\":\"dismissed\"}")
        .statusCode(400)
        .body("error", equalTo("insight_not_available"))
        .body("field", equalTo("id"));
    UUID waiting = Api.customerSays(UUID.fromString(conversation), "still there?");
    String processing =
        Api.query(
            "select id from messages where conversation_id = '"
                + waiting
                + "' and content = 'still there?'");
    feedback("bob", processing, "{\"action\":\"sent_as_is\"}")
        .statusCode(400)
        .body("field", equalTo("id"));
    feedback("bob", UUID.randomUUID().toString(), "{\"action\":\"dismissed\"}")
        .statusCode(404)
        .body("error", equalTo("message_not_found"));
    feedback("bob", "not-a-uuid", "{\"action\":\"dismissed\"}")
        .statusCode(400)
        .body("field", equalTo("id"));
    assertEquals("0", rows(reply));
    assertEquals("0", rows(processing));

    // Only operators and admins: not the gateway's service token, not the AI functions.
    asService()
        .body("{\"action\":\"dismissed\"}")
        .post("/messages/" + message + "/feedback")
        .then()
        .statusCode(403);
    asAiFunction()
        .body("{\"action\":\"dismissed\"}")
        .post("/messages/" + message + "/feedback")
        .then()
        .statusCode(403);
    Api.as("nonsense")
        .body("{\"action\":\"dismissed\"}")
        .post("/messages/" + message + "/feedback")
        .then()
        .statusCode(401);
    assertEquals("0", rows(message));
  }

  @Test
  void aCorrectionToTheValueTheInsightAlreadyHasIsRefused() {
    String message = analysed("Refund please", "phi3:mini", "refund");
    feedback("bob", message, "{\"action\":\"correct_intent\",\"value\":\"refund\"}")
        .statusCode(400)
        .body("field", equalTo("value"));
    assertEquals("0", rows(message));
  }

  @Test
  void theFiguresOfAKnownDataSet() {
    String a = "agg-a-" + UUID.randomUUID().toString().substring(0, 8);
    String b = "agg-b-" + UUID.randomUUID().toString().substring(0, 8);
    String m1 = analysed("Where is my refund for order 1?", a, "refund");
    String m2 = analysed("Refund order 2", a, "refund");
    String m3 = analysed("Invoice question", a, "billing");
    String m4 = analysed("Charged twice", b, "billing");
    feedback("bob", m1, "{\"action\":\"sent_as_is\"}").statusCode(200);
    feedback("bob", m2, "{\"action\":\"edited\",\"edit_ratio\":0.5}").statusCode(200);
    feedback("bob", m3, "{\"action\":\"dismissed\"}").statusCode(200);
    feedback("bob", m4, "{\"action\":\"edited\",\"edit_ratio\":0.2}").statusCode(200);
    feedback("carol", m4, "{\"action\":\"dismissed\"}").statusCode(200);
    feedback("bob", m1, "{\"action\":\"correct_intent\",\"value\":\"billing\"}").statusCode(200);

    // Moved to two days of their own, far from every other test's feedback.
    LocalDate day1 =
        LocalDate.of(1990, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3_000) * 2L);
    LocalDate day2 = day1.plusDays(1);
    String ids = "'" + String.join("','", m1, m2, m3, m4) + "'";
    Api.execute(
        "update ai_feedback set created_at = timestamptz '"
            + day1
            + "T10:00:00Z' where message_id in ('"
            + m1
            + "','"
            + m2
            + "') and kind = 'reply'");
    Api.execute(
        "update ai_feedback set created_at = timestamptz '"
            + day2
            + "T23:30:00Z' where message_id in ("
            + ids
            + ") and not (message_id in ('"
            + m1
            + "','"
            + m2
            + "') and kind = 'reply')");

    JsonPath r =
        asAdmin()
            .queryParam("from", day1 + "T00:00:00Z")
            .queryParam("to", day2.plusDays(1) + "T00:00:00Z")
            .get("/ai-quality")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            // Decimals as doubles, not RestAssured's default floats.
            .using(JsonPathConfig.jsonPathConfig().numberReturnType(NumberReturnType.DOUBLE));
    assertEquals(day1.atStartOfDay().toInstant(ZoneOffset.UTC).toString(), r.getString("from"));

    figures(r, "overall", "all", 5, 1, 2, 2, 0.6, (0 + 0.5 + 0.2) / 3, 1);
    assertEquals(List.of(a, b), r.getList("by_model.key"));
    figures(r, "by_model[0]", a, 3, 1, 1, 1, 2.0 / 3, 0.25, 1);
    figures(r, "by_model[1]", b, 2, 0, 1, 1, 0.5, 0.2, 0);
    assertEquals(List.of("billing", "refund"), r.getList("by_intent.key"));
    figures(r, "by_intent[0]", "billing", 3, 0, 1, 2, 1.0 / 3, 0.2, 0);
    figures(r, "by_intent[1]", "refund", 2, 1, 1, 0, 1.0, 0.25, 1);
    assertEquals(List.of(day1.toString(), day2.toString()), r.getList("by_day.key"));
    figures(r, "by_day[0]", day1.toString(), 2, 1, 1, 0, 1.0, 0.25, 0);
    figures(r, "by_day[1]", day2.toString(), 3, 0, 1, 2, 1.0 / 3, 0.2, 1);

    assertEquals(1, r.getList("corrections").size());
    assertEquals(m1, r.getString("corrections[0].message_id"));
    assertEquals("Where is my refund for order 1?", r.getString("corrections[0].excerpt"));
    assertEquals("intent", r.getString("corrections[0].kind"));
    assertEquals("refund", r.getString("corrections[0].from"));
    assertEquals("billing", r.getString("corrections[0].to"));
    assertEquals("bob", r.getString("corrections[0].operator"));
    assertEquals(a, r.getString("corrections[0].model"));
    // These insights have no language; the intent correction waits for an admin's review.
    assertEquals(List.of("none"), r.getList("by_language.key"));
    figures(r, "by_language[0]", "none", 5, 1, 2, 2, 0.6, (0 + 0.5 + 0.2) / 3, 1);
    assertNull(r.getString("corrections[0].language"));
    assertEquals("pending", r.getString("corrections[0].review"));
    assertEquals(1, r.getLong("pending_reviews"));

    // The first day alone.
    JsonPath first =
        asAdmin()
            .queryParam("from", day1 + "T00:00:00Z")
            .queryParam("to", day2 + "T00:00:00Z")
            .get("/ai-quality")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            // Decimals as doubles, not RestAssured's default floats.
            .using(JsonPathConfig.jsonPathConfig().numberReturnType(NumberReturnType.DOUBLE));
    figures(first, "overall", "all", 2, 1, 1, 0, 1.0, 0.25, 0);
    assertEquals(0, first.getList("corrections").size());

    // A range without feedback: zeros and no rates.
    JsonPath none =
        asAdmin()
            .queryParam("from", "1980-01-01T00:00:00Z")
            .queryParam("to", "1980-01-02T00:00:00Z")
            .get("/ai-quality")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            // Decimals as doubles, not RestAssured's default floats.
            .using(JsonPathConfig.jsonPathConfig().numberReturnType(NumberReturnType.DOUBLE));
    assertEquals(0, none.getInt("overall.suggestions"));
    assertNull(none.get("overall.acceptance_rate"));
    assertEquals(0, none.getList("by_model").size());
  }

  private static void figures(
      JsonPath r,
      String path,
      String key,
      long suggestions,
      long sent,
      long edited,
      long dismissed,
      double acceptance,
      double meanEdit,
      long corrections) {
    assertEquals(key, r.getString(path + ".key"), path);
    assertEquals(suggestions, r.getLong(path + ".suggestions"), path + " suggestions");
    assertEquals(sent, r.getLong(path + ".sent_as_is"), path + " sent_as_is");
    assertEquals(edited, r.getLong(path + ".edited"), path + " edited");
    assertEquals(dismissed, r.getLong(path + ".dismissed"), path + " dismissed");
    assertEquals(acceptance, r.getDouble(path + ".acceptance_rate"), 1e-9, path + " acceptance");
    assertEquals(meanEdit, r.getDouble(path + ".mean_edit_ratio"), 1e-9, path + " mean edit");
    assertEquals(corrections, r.getLong(path + ".corrections"), path + " corrections");
  }

  @Test
  void onlyAdminsReadTheFiguresAndTheRangeIsChecked() {
    asOperator("bob").get("/ai-quality").then().statusCode(403);
    asService().get("/ai-quality").then().statusCode(403);
    asAdmin().get("/ai-quality").then().statusCode(200).body("overall.key", equalTo("all"));
    asAdmin()
        .queryParam("from", "yesterday")
        .get("/ai-quality")
        .then()
        .statusCode(400)
        .body("field", equalTo("from"));
    asAdmin()
        .queryParam("from", "2026-02-01T00:00:00Z")
        .queryParam("to", "2026-01-01T00:00:00Z")
        .get("/ai-quality")
        .then()
        .statusCode(400)
        .body("field", equalTo("to"));
    asAdmin()
        .queryParam("from", "2020-01-01T00:00:00Z")
        .queryParam("to", "2026-01-01T00:00:00Z")
        .get("/ai-quality")
        .then()
        .statusCode(400)
        .body("field", equalTo("from"));
    asAdmin()
        .queryParam("to", "+999999999-12-31T23:59:59Z")
        .get("/ai-quality")
        .then()
        .statusCode(400)
        .body("field", equalTo("to"));
  }

  /** The samples of one metric in a Prometheus text body: labels → value. */
  private static Map<Map<String, String>, Double> samples(String body, String metric) {
    Map<Map<String, String>, Double> samples = new java.util.HashMap<>();
    java.util.regex.Pattern label = java.util.regex.Pattern.compile("(\\w+)=\"([^\"]*)\"");
    for (String line : body.split("\n")) {
      if (line.startsWith(metric + "{")) {
        Map<String, String> labels = new java.util.TreeMap<>();
        java.util.regex.Matcher m = label.matcher(line.substring(0, line.lastIndexOf('}')));
        while (m.find()) {
          labels.put(m.group(1), m.group(2));
        }
        samples.put(labels, Double.valueOf(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    return samples;
  }

  @Test
  void metricsCountTheFeedbackByModelIntentLanguageAndActionForAScraperWithTheToken() {
    String model = "metrics-it-" + UUID.randomUUID();
    feedback(
            "bob",
            analysed("Refund please", model, "refund"),
            "{\"action\":\"edited\",\"edit_ratio\":0.25}")
        .statusCode(200);
    feedback(
            "amy",
            analysed("My refund?", model, "refund"),
            "{\"action\":\"edited\",\"edit_ratio\":0.5}")
        .statusCode(200);
    String dismissed = analysed("Refund now", model, "refund");
    feedback("bob", dismissed, "{\"action\":\"dismissed\"}").statusCode(200);
    feedback("bob", dismissed, "{\"action\":\"correct_intent\",\"value\":\"billing\"}")
        .statusCode(200);

    // A new request each time: a RestAssured specification keeps the headers added to it.
    java.util.function.Supplier<RequestSpecification> anonymous =
        () -> io.restassured.RestAssured.given().baseUri(MESSAGING.server().baseUrl());
    anonymous
        .get()
        .get("/ai-quality/metrics")
        .then()
        .statusCode(401)
        .body("error", equalTo("unauthorized"));
    anonymous
        .get()
        .header("Authorization", "Bearer not-the-metrics-token-000")
        .get("/ai-quality/metrics")
        .then()
        .statusCode(401);
    // A user's token, an admin's included, is not a scraper's.
    asAdmin().get("/ai-quality/metrics").then().statusCode(401);

    String body =
        anonymous
            .get()
            .header(
                "Authorization",
                "Bearer " + org.supportinbox.testing.FunctionUnderTest.METRICS_TOKEN)
            .get("/ai-quality/metrics")
            .then()
            .statusCode(200)
            .contentType(org.hamcrest.Matchers.startsWith("text/plain"))
            .extract()
            .asString();
    Map<Map<String, String>, Double> counts = samples(body, "inbox_ai_feedback");
    Map<String, Double> byAction = Map.of("edited", 2.0, "dismissed", 1.0, "correct_intent", 1.0);
    byAction.forEach(
        (action, expected) ->
            assertEquals(
                expected,
                counts.get(
                    new java.util.TreeMap<>(
                        Map.of(
                            "model",
                            model,
                            "intent",
                            "refund",
                            "language",
                            "none",
                            "action",
                            action))),
                action + " in " + body));
    assertEquals(
        3,
        counts.keySet().stream().filter(k -> model.equals(k.get("model"))).count(),
        "no other action of this model: " + body);
    assertEquals(
        0.75,
        samples(body, "inbox_ai_feedback_edit_ratio_sum")
            .get(
                new java.util.TreeMap<>(
                    Map.of("model", model, "intent", "refund", "language", "none"))),
        1e-9);
  }
}
