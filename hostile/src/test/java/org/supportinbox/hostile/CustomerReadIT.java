package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /customer/read}, the customer's "I have seen these replies" that stops their email
 * fallback: a customer marks only their own conversation, up to a message they may see (never an
 * operators' note, never another conversation's message), and every malformed body is a 4xx JSON
 * error that changes nothing.
 */
class CustomerReadIT {

  private static HostileStack stack;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
  }

  private static String readUpTo(String conversation) {
    List<List<String>> rows =
        stack.messagingRows(
            "select customer_read_up_to from conversations where id = ?",
            UUID.fromString(conversation));
    return rows.get(0).get(0);
  }

  @Test
  void aCustomerMarksOnlyTheirOwnConversationAndOnlyWhatTheySee() {
    var mine = stack.startConversation("Rita Reader", "hello");
    String token = mine.getString("customer_token");
    String conversation = mine.getString("conversation_id");
    var theirs = stack.startConversation("Otto Other", "private");
    String theirConversation = theirs.getString("conversation_id");
    String theirMessage = theirs.getString("message.id");
    String note =
        stack
            .api(stack.operatorToken())
            .body(
                "{\"conversation_id\":\""
                    + conversation
                    + "\",\"content\":\"internal only\",\"internal\":true}")
            .post("/messages")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    Map<String, Long> before = stack.rowCounts();

    // Another conversation's message, a note, an unknown id: the same 404, nothing moved.
    for (String id : List.of(theirMessage, note, UUID.randomUUID().toString())) {
      stack
          .api(token)
          .body("{\"message_id\":\"" + id + "\"}")
          .post("/customer/read")
          .then()
          .statusCode(404)
          .contentType(ContentType.JSON)
          .body("error", equalTo("message_not_found"));
    }
    // A conversation id in the body is no way into another conversation: an unknown field.
    stack
        .api(token)
        .body("{\"conversation_id\":\"" + theirConversation + "\"}")
        .post("/customer/read")
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("error", notNullValue());
    assertThat(readUpTo(conversation)).isNull();
    assertThat(readUpTo(theirConversation)).isNull();
    assertThat(stack.rowCounts()).isEqualTo(before);

    // What the customer may see is taken, for their own conversation only.
    stack.api(token).post("/customer/read").then().statusCode(200);
    assertThat(readUpTo(conversation)).isNotNull();
    assertThat(readUpTo(theirConversation)).isNull();
  }

  @Test
  void malformedBodiesAreRefusedWithAJsonReason() {
    String token = stack.startConversation("Mal Formed", "hi").getString("customer_token");
    String conversation =
        stack.api(token).get("/customer/conversation").then().extract().path("conversation_id");
    Map<String, Long> before = stack.rowCounts();
    for (String body :
        List.of(
            "{",
            "[]",
            "\"x\"",
            "{\"message_id\":\"not-a-uuid\"}",
            "{\"message_id\":[1]}",
            "{\"message_id\":\"\"}",
            "{\"message_id\":\"\\u0000\"}",
            "{\"extra\":true}")) {
      int status =
          stack
              .api(token)
              .body(body)
              .post("/customer/read")
              .then()
              .contentType(ContentType.JSON)
              .body("error", notNullValue())
              .extract()
              .statusCode();
      assertThat(status).as(body).isBetween(400, 499);
    }
    stack
        .api(token)
        .contentType("text/plain")
        .body("{}")
        .post("/customer/read")
        .then()
        .statusCode(415)
        .body("error", notNullValue());
    assertThat(readUpTo(conversation)).isNull();
    assertThat(stack.rowCounts()).isEqualTo(before);
  }

  /**
   * Each report is a transaction in messaging that locks the conversation: a page reporting in a
   * loop is held to {@code CUSTOMER_READ_RATE_PER_MINUTE} (60 here, the default), then {@code 429}.
   */
  @Test
  void aPageReportingInALoopIsHeldToTheLimit() {
    String token = stack.startConversation("Lou Loop", "hi").getString("customer_token");
    int limited = 0;
    for (int i = 0; i < 80; i++) {
      var r = stack.api(token).post("/customer/read");
      if (r.statusCode() == 429) {
        limited++;
        r.then().contentType(ContentType.JSON).body("error", equalTo("rate_limited"));
        assertThat(r.header("Retry-After")).isNotBlank();
      } else {
        assertThat(r.statusCode()).isEqualTo(200);
      }
    }
    assertThat(limited).as("reports refused of 80 in a row").isPositive();
  }

  @Test
  void onlyACustomerTokenReachesIt() {
    stack.api().post("/customer/read").then().statusCode(401).body("error", notNullValue());
    stack.api("not.a.token").post("/customer/read").then().statusCode(401);
    stack.api(stack.operatorToken()).post("/customer/read").then().statusCode(403);
    // A customer token without its conversation claim reaches nothing.
    stack
        .api(stack.system.messaging.token("customer-x", "customer"))
        .post("/customer/read")
        .then()
        .statusCode(403);
  }
}
