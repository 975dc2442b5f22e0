package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.json.Json;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The saved replies ({@code /saved-replies}) under attack through the gateway: a customer token on
 * every method, no token, a logged-out operator token, an operator deleting (admins only), bad and
 * over-long bodies, smuggled authors. Each is refused with a JSON error, nothing is stored or
 * deleted (the row counts of both databases, the reply itself, the audit log), and the library
 * still works for an operator right after.
 */
class SavedRepliesIT {

  private static HostileStack stack;
  private static String operator;
  private static String customer;
  private static String reply;
  private static String replyShortcut;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
    operator = stack.operatorToken();
    customer = stack.startConversation("Sly Sam", "hello").getString("customer_token");
    replyShortcut = shortcut();
    reply = create(operator, "Target", replyShortcut, "Do not touch me, {{customer.name}}");
  }

  private static String shortcut() {
    return "h-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String draft(String title, String shortcut, String body) {
    return Json.createObjectBuilder()
        .add("title", title)
        .add("shortcut", shortcut)
        .add("body", body)
        .build()
        .toString();
  }

  private static String create(String token, String title, String shortcut, String body) {
    return stack
        .api(token)
        .body(draft(title, shortcut, body))
        .post("/saved-replies")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Every route, each with a body that would be valid for an operator. */
  static Stream<Arguments> routes() {
    return Stream.of(
        Arguments.of("GET", "/saved-replies", null),
        Arguments.of("GET", "/saved-replies?q=target", null),
        Arguments.of("POST", "/saved-replies", draft("Sneaky", shortcut(), "I am staff")),
        Arguments.of("PATCH", "/saved-replies/{id}", "{\"title\":\"Owned\"}"),
        Arguments.of("DELETE", "/saved-replies/{id}", null));
  }

  private static Response request(
      RequestSpecification spec, String method, String path, String body) {
    if (body != null) {
      spec = spec.contentType(ContentType.JSON).body(body);
    }
    return spec.request(method, path.replace("{id}", reply));
  }

  /** The target reply as the library lists it. */
  private static Map<String, Object> target() {
    Map<String, Object> found =
        stack
            .api(operator)
            .get("/saved-replies")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("find { it.id == '" + reply + "' }");
    assertThat(found).as("the target reply").isNotNull();
    return found;
  }

  private static List<List<String>> deletions() {
    return stack.gatewayRows(
        "select action, actor, subject from audit_log where action = 'saved_reply.deleted'"
            + " and subject = ?",
        reply);
  }

  /** Nothing changed: no row anywhere, the target as it was, no deletion audited. */
  private static void nothingChanged(
      String name, Map<String, Long> before, Map<String, Object> was) {
    assertThat(stack.rowCounts()).as(name + ": rows in both databases").isEqualTo(before);
    assertThat(target()).as(name + ": the reply").isEqualTo(was);
    assertThat(deletions()).as(name + ": audit").isEmpty();
  }

  @ParameterizedTest(name = "a customer token: {0} {1}")
  @MethodSource("routes")
  void aCustomerTokenIsForbiddenOnEveryMethod(String method, String path, String body) {
    Map<String, Long> before = stack.rowCounts();
    Map<String, Object> was = target();
    Response answer = request(stack.api(customer), method, path, body);
    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.jsonPath().getString("error")).isEqualTo("forbidden");
    nothingChanged(method + " " + path, before, was);
  }

  @ParameterizedTest(name = "no token: {0} {1}")
  @MethodSource("routes")
  void noTokenIsUnauthorizedOnEveryMethod(String method, String path, String body) {
    Map<String, Long> before = stack.rowCounts();
    Map<String, Object> was = target();
    Response answer = request(stack.api(), method, path, body);
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.jsonPath().getString("error")).isEqualTo("unauthorized");
    nothingChanged(method + " " + path, before, was);
  }

  @Test
  void aLoggedOutOperatorTokenIsRefusedBeforeMessagingSeesIt() {
    String token = stack.operatorToken();
    stack.api(token).get("/saved-replies").then().statusCode(200);
    stack.api(token).post("/logout").then().statusCode(204);
    Map<String, Long> before = stack.rowCounts();
    Map<String, Object> was = target();
    for (Arguments route : routes().toList()) {
      Object[] a = route.get();
      Response answer = request(stack.api(token), (String) a[0], (String) a[1], (String) a[2]);
      assertThat(answer.statusCode()).as(a[0] + " " + a[1]).isEqualTo(401);
    }
    nothingChanged("logged out", before, was);
  }

  @Test
  void anOperatorCannotDelete() {
    Map<String, Long> before = stack.rowCounts();
    Map<String, Object> was = target();
    Response answer = stack.api(operator).delete("/saved-replies/" + reply);
    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.jsonPath().getString("error")).isEqualTo("forbidden");
    nothingChanged("operator delete", before, was);
  }

  static Stream<Arguments> badBodies() {
    String ok = shortcut();
    return Stream.of(
        Arguments.of("POST", "empty body", "", 400, "malformed_json", null),
        Arguments.of("POST", "cut-off JSON", "{\"title\":", 400, "malformed_json", null),
        Arguments.of(
            "POST", "an array", "[" + draft("t", ok, "b") + "]", 400, "malformed_json", null),
        Arguments.of(
            "POST", "two objects", draft("t", ok, "b") + "{}", 400, "malformed_json", null),
        Arguments.of(
            "POST",
            "an author smuggled in",
            "{\"title\":\"t\",\"shortcut\":\"" + ok + "\",\"body\":\"b\",\"created_by\":\"CEO\"}",
            400,
            "unknown_field",
            "created_by"),
        Arguments.of(
            "PATCH",
            "an editor smuggled in",
            "{\"title\":\"t\",\"updated_by\":\"CEO\"}",
            400,
            "unknown_field",
            "updated_by"),
        Arguments.of(
            "POST",
            "an id chosen by the client",
            "{\"id\":\""
                + UUID.randomUUID()
                + "\",\"title\":\"t\",\"shortcut\":\""
                + ok
                + "\",\"body\":\"b\"}",
            400,
            "unknown_field",
            "id"),
        Arguments.of(
            "POST",
            "title an object (NoSQL shape)",
            "{\"title\":{\"$ne\":null},\"shortcut\":\"" + ok + "\",\"body\":\"b\"}",
            400,
            "invalid_field",
            "title"),
        Arguments.of(
            "POST",
            "no body field",
            "{\"title\":\"t\",\"shortcut\":\"" + ok + "\"}",
            400,
            "missing_field",
            "body"),
        Arguments.of(
            "POST",
            "SQL as the shortcut",
            draft("t", "x'); DELETE FROM saved_replies;--", "b"),
            400,
            "invalid_field",
            "shortcut"),
        Arguments.of(
            "PATCH",
            "a shortcut with a line break",
            "{\"shortcut\":\"a\\nb\"}",
            400,
            "invalid_field",
            "shortcut"),
        Arguments.of(
            "POST",
            "a line break in the title",
            draft("t\r\nX-Admin: 1", ok, "b"),
            400,
            "invalid_field",
            "title"),
        Arguments.of(
            "POST", "NUL in the body", draft("t", ok, "a\u0000b"), 400, "invalid_field", "body"),
        Arguments.of(
            "PATCH",
            "a lone surrogate in the body",
            "{\"body\":\"a\\ud800b\"}",
            400,
            "invalid_field",
            "body"),
        Arguments.of(
            "POST",
            "a body of 5,001 characters",
            draft("t", ok, "y".repeat(5_001)),
            400,
            "invalid_field",
            "body"),
        Arguments.of(
            "PATCH",
            "a body of 5,001 emoji",
            Json.createObjectBuilder().add("body", "😀".repeat(5_001)).build().toString(),
            400,
            "invalid_field",
            "body"),
        Arguments.of(
            "POST",
            "a 300 KB request",
            draft("t", ok, "z".repeat(300 * 1024)),
            413,
            "payload_too_large",
            null),
        Arguments.of(
            "PATCH",
            "a 300 KB request",
            Json.createObjectBuilder().add("body", "z".repeat(300 * 1024)).build().toString(),
            413,
            "payload_too_large",
            null),
        Arguments.of("PATCH", "null title", "{\"title\":null}", 400, "invalid_field", "title"),
        Arguments.of("PATCH", "nothing to change", "{}", 400, "missing_field", null),
        Arguments.of(
            "POST",
            "the target's shortcut again",
            draft("Copy", "{shortcut}", "b"),
            409,
            "conflict",
            "shortcut"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badBodies")
  void aBadBodyIsRefusedAndStoresNothing(
      String method, String name, String body, int status, String error, String field) {
    Map<String, Long> before = stack.rowCounts();
    Map<String, Object> was = target();
    String path = "POST".equals(method) ? "/saved-replies" : "/saved-replies/" + reply;
    Response answer =
        stack.api(operator).body(body.replace("{shortcut}", replyShortcut)).request(method, path);
    assertThat(answer.statusCode()).as(name).isEqualTo(status);
    assertThat(answer.contentType()).as(name).startsWith("application/json");
    assertThat(answer.jsonPath().getString("error")).as(name).isEqualTo(error);
    assertThat(answer.jsonPath().getString("field")).as(name).isEqualTo(field);
    nothingChanged(name, before, was);
    stillWorks();
  }

  @Test
  void aBodyThatIsNotJsonIs415() {
    Map<String, Long> before = stack.rowCounts();
    Map<String, Object> was = target();
    Response answer =
        stack
            .api(operator)
            .contentType("text/plain")
            .body("title=t&shortcut=x&body=b")
            .post("/saved-replies");
    assertThat(answer.statusCode()).isEqualTo(415);
    nothingChanged("text/plain", before, was);
  }

  /** The library still answers and takes a change right after an attack. */
  private static void stillWorks() {
    String id = create(operator, "Still works", shortcut(), "yes");
    stack.api(stack.adminToken()).delete("/saved-replies/" + id).then().statusCode(204);
  }
}
