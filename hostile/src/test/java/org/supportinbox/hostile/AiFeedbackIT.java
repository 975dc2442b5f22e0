package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feedback on AI insights ({@code POST /messages/{id}/feedback}) and the AI quality figures ({@code
 * GET /ai-quality}) under attack through the gateway: customer tokens (on their own conversation's
 * message and on another's), no token, a logged-out operator, an operator reading the figures, bad,
 * huge and smuggling bodies, hostile query parameters. Each is refused with a JSON error and
 * nothing is stored (the row counts of both databases, {@code ai_feedback} included); the route
 * still works for an operator right after.
 */
class AiFeedbackIT {

  private static HostileStack stack;
  private static String operator;
  private static String customer;

  /** The customer's own message, and a message of another conversation. */
  private static String own;

  private static String other;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
    operator = stack.operatorToken();
    JsonPath started = stack.startConversation("Fiona Feedback", "Where is my parcel?");
    customer = started.getString("customer_token");
    own = started.getString("message.id");
    JsonPath another = stack.startConversation("Other Otto", "I want a refund");
    other = another.getString("message.id");
    available(started.getString("conversation_id"));
    available(another.getString("conversation_id"));
  }

  /**
   * Waits for the stack's AI function to have analysed the conversation's first message; when
   * another test class left the model double failing, the insight is reported as available with the
   * AI functions' own key instead, as a replica would.
   */
  private static void available(String conversation) {
    Instant until = Instant.now().plus(Duration.ofSeconds(90));
    while (true) {
      JsonPath view =
          stack
              .api(operator)
              .get("/conversations/" + conversation)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      String status = view.getString("messages[0].ai.status");
      if ("available".equals(status)) {
        return;
      }
      if ("unavailable".equals(status)) {
        RestAssured.given()
            .baseUri(stack.system.messaging.server().baseUrl())
            .contentType(ContentType.JSON)
            .header(
                "Authorization",
                "Bearer " + stack.system.messaging.aiFunctionToken("ai-function-hostile"))
            .body(
                "{\"message_id\":\""
                    + view.getString("messages[0].id")
                    + "\",\"conversation_id\":\""
                    + conversation
                    + "\",\"status\":\"available\",\"intent\":\"refund\",\"summary\":\"s\","
                    + "\"suggested_reply\":\"r\",\"sentiment\":\"neutral\",\"urgency\":\"low\","
                    + "\"model\":\"phi3:mini\",\"attempts\":1}")
            .post("/ai-insights")
            .then()
            .statusCode(200);
        continue;
      }
      assertThat(Instant.now()).as("insight of " + conversation + " is " + status).isBefore(until);
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static Response post(String token, String message, String body) {
    var spec = token == null ? stack.api() : stack.api(token);
    return spec.contentType(ContentType.JSON).body(body).post("/messages/" + message + "/feedback");
  }

  @Test
  void customersCannotRecordFeedbackOnTheirOwnMessageOrAnothers() {
    Map<String, Long> before = stack.rowCounts();
    for (String message : new String[] {own, other}) {
      Response answer = post(customer, message, "{\"action\":\"dismissed\"}");
      assertThat(answer.statusCode()).as(message).isEqualTo(403);
      assertThat(answer.jsonPath().getString("error")).isEqualTo("forbidden");
    }
    assertThat(post(null, own, "{\"action\":\"dismissed\"}").statusCode()).isEqualTo(401);
    assertThat(post("not.a.token", own, "{\"action\":\"dismissed\"}").statusCode()).isEqualTo(401);
    assertThat(stack.rowCounts()).isEqualTo(before);
  }

  @Test
  void onlyAdminsReadTheFigures() {
    assertThat(stack.api(customer).get("/ai-quality").statusCode()).isEqualTo(403);
    assertThat(stack.api(operator).get("/ai-quality").statusCode()).isEqualTo(403);
    assertThat(stack.api().get("/ai-quality").statusCode()).isEqualTo(401);
    assertThat(stack.api(stack.adminToken()).get("/ai-quality").statusCode()).isEqualTo(200);
  }

  @Test
  void aLoggedOutOperatorTokenIsRefused() {
    String token = stack.operatorToken();
    stack.api(token).post("/logout").then().statusCode(204);
    Map<String, Long> before = stack.rowCounts();
    assertThat(post(token, own, "{\"action\":\"dismissed\"}").statusCode()).isEqualTo(401);
    assertThat(stack.rowCounts()).isEqualTo(before);
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        Arguments.of("empty body", "", 400, "malformed_json", null),
        Arguments.of("an array", "[{\"action\":\"dismissed\"}]", 400, "malformed_json", null),
        Arguments.of("two objects", "{\"action\":\"dismissed\"}{}", 400, "malformed_json", null),
        Arguments.of(
            "deep nesting",
            "{\"action\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}",
            400,
            "malformed_json",
            null),
        Arguments.of("an unknown action", "{\"action\":\"liked\"}", 400, "invalid_field", "action"),
        Arguments.of(
            "the action in another case",
            "{\"action\":\"DISMISSED\"}",
            400,
            "invalid_field",
            "action"),
        Arguments.of(
            "an operator smuggled in",
            "{\"action\":\"dismissed\",\"operator\":\"admin\"}",
            400,
            "unknown_field",
            "operator"),
        Arguments.of(
            "a model smuggled in",
            "{\"action\":\"dismissed\",\"model\":\"gpt-9\"}",
            400,
            "unknown_field",
            "model"),
        Arguments.of(
            "a ratio of 1e400",
            "{\"action\":\"edited\",\"edit_ratio\":1e400}",
            400,
            "invalid_field",
            "edit_ratio"),
        Arguments.of(
            "a ratio of 10^1000 digits",
            "{\"action\":\"edited\",\"edit_ratio\":" + "9".repeat(1_000) + "}",
            400,
            "invalid_field",
            "edit_ratio"),
        Arguments.of(
            "a negative ratio",
            "{\"action\":\"edited\",\"edit_ratio\":-1}",
            400,
            "invalid_field",
            "edit_ratio"),
        Arguments.of(
            "a ratio as an object",
            "{\"action\":\"edited\",\"edit_ratio\":{\"$gt\":0}}",
            400,
            "invalid_field",
            "edit_ratio"),
        Arguments.of(
            "SQL as the value",
            "{\"action\":\"correct_intent\",\"value\":\"billing'); DELETE FROM ai_feedback;--\"}",
            400,
            "invalid_field",
            "value"),
        Arguments.of(
            "a value of 100,000 characters",
            "{\"action\":\"correct_intent\",\"value\":\"" + "b".repeat(100_000) + "\"}",
            400,
            "invalid_field",
            "value"),
        Arguments.of(
            "NUL in the value",
            "{\"action\":\"correct_intent\",\"value\":\"billing\\u0000\"}",
            400,
            "invalid_field",
            "value"),
        Arguments.of(
            "a 300 KB request",
            "{\"action\":\"correct_intent\",\"value\":\"" + "z".repeat(300 * 1024) + "\"}",
            413,
            "payload_too_large",
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void badBodiesAreRefusedAndNothingIsStored(
      String name, String body, int status, String error, String field) {
    Map<String, Long> before = stack.rowCounts();
    Response answer = post(operator, own, body);
    assertThat(answer.statusCode()).as(name).isEqualTo(status);
    assertThat(answer.contentType()).as(name).startsWith("application/json");
    assertThat(answer.jsonPath().getString("error")).as(name).isEqualTo(error);
    assertThat(answer.jsonPath().getString("field")).as(name).isEqualTo(field);
    assertThat(stack.rowCounts()).as(name + ": rows").isEqualTo(before);
  }

  @Test
  void badIdsAndQueriesAreRefused() {
    Map<String, Long> before = stack.rowCounts();
    assertThat(post(operator, "../../operators", "{\"action\":\"dismissed\"}").statusCode())
        .isIn(400, 404, 405);
    assertThat(post(operator, "' or 1=1 --", "{\"action\":\"dismissed\"}").statusCode())
        .isEqualTo(400);
    assertThat(
            post(operator, UUID.randomUUID().toString(), "{\"action\":\"dismissed\"}").statusCode())
        .isEqualTo(404);
    String admin = stack.adminToken();
    for (String[] query :
        new String[][] {
          {"from", "' OR 1=1 --"},
          {"from", "x".repeat(2_000)},
          {"to", "+999999999-12-31T23:59:59Z"},
          {"from", "2026-01-01T00:00:00Z\nX-Admin: 1"},
        }) {
      Response answer = stack.api(admin).queryParam(query[0], query[1]).get("/ai-quality");
      assertThat(answer.statusCode()).as(query[1]).isEqualTo(400);
      assertThat(answer.jsonPath().getString("field")).as(query[1]).isEqualTo(query[0]);
    }
    assertThat(stack.rowCounts()).isEqualTo(before);
  }

  @Test
  void anOperatorStillRecordsRightAfter() {
    Response answer = post(operator, other, "{\"action\":\"edited\",\"edit_ratio\":0.4}");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.jsonPath().getString("operator")).isEqualTo(HostileStack.OPERATOR);
  }
}
