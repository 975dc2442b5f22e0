package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Read positions ({@code PUT /conversations/{id}/read}): operators and admins only (none, a
 * customer's token, even for its own conversation: 401, 403); the reader is always the caller's
 * token, never a field or a query parameter; bad bodies are 4xx JSON and store nothing.
 */
class ReadPositionsIT {

  private static HostileStack stack;
  private static String customer;
  private static String conversation;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
    var started = stack.startConversation("Reading Rita", "did anyone read this?");
    customer = started.getString("customer_token");
    conversation = started.getString("conversation_id");
  }

  private static String path() {
    return "/conversations/" + conversation + "/read";
  }

  /** A second operator's token. */
  private static String colleague() {
    String name = "reader-" + UUID.randomUUID().toString().substring(0, 8);
    stack
        .api(stack.adminToken())
        .body(
            HostileStack.json(
                Map.of("username", name, "role", "operator", "password", "reader-password-01234")))
        .post("/operators")
        .then()
        .statusCode(201);
    return stack.login(name, "reader-password-01234");
  }

  private static Integer unread(String token, String extraQuery) {
    return stack
        .api(token)
        .get("/conversations?view=all&limit=100" + extraQuery)
        .then()
        .statusCode(200)
        .extract()
        .path("items.find { it.conversation_id == '" + conversation + "' }.unread");
  }

  @Test
  void onlyOperatorsHaveReadPositions() {
    Map<String, Long> before = stack.rowCounts();
    stack.api().put(path()).then().statusCode(401);
    stack.api(customer).put(path()).then().statusCode(403).body("error", equalTo("forbidden"));
    assertThat(stack.rowCounts()).isEqualTo(before);
  }

  @Test
  void theReaderIsTheTokensNeverTheRequests() {
    String reader = colleague();
    String watcher = colleague();
    Map<String, Long> before = stack.rowCounts();
    stack
        .api(reader)
        .body("{\"reader\":\"admin\"}")
        .put(path())
        .then()
        .statusCode(400)
        .body("error", equalTo("unknown_field"));
    assertThat(stack.rowCounts()).isEqualTo(before);

    stack.api(reader).put(path()).then().statusCode(200).body("unread", equalTo(0));
    assertThat(unread(reader, "")).isZero();
    // Naming the reader in the query changes nothing: the watcher's counts stay the watcher's.
    assertThat(unread(watcher, "&reader=" + "admin")).isEqualTo(1);
    assertThat(unread(watcher, "")).isEqualTo(1);
  }

  @Test
  void badBodiesAre4xxJsonAndStoreNothing() {
    String operator = stack.operatorToken();
    Map<String, Long> before = stack.rowCounts();
    for (String body :
        new String[] {
          "{\"message_id\":",
          "[]",
          "{\"message_id\":42}",
          "{\"message_id\":\"" + UUID.randomUUID() + "\"}",
          "{\"message_id\":\"" + "9".repeat(100_000) + "\"}",
          "{\"message_id\":null,\"message_id\":\"x\"}",
        }) {
      stack
          .api(operator)
          .body(body)
          .put(path())
          .then()
          .statusCode(400)
          .contentType(ContentType.JSON)
          .body("error", org.hamcrest.Matchers.notNullValue());
    }
    stack
        .api(operator)
        .contentType(ContentType.XML)
        .body("<read/>")
        .put(path())
        .then()
        .statusCode(415);
    stack
        .api(operator)
        .put("/conversations/" + UUID.randomUUID() + "/read")
        .then()
        .statusCode(404)
        .contentType(ContentType.JSON);
    assertThat(stack.rowCounts()).isEqualTo(before);
  }
}
