package org.supportinbox.messaging.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.supportinbox.messaging.api.rest.Api.asOperator;
import static org.supportinbox.messaging.api.rest.Api.asService;

import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Unread: each operator's read position per conversation ({@code PUT /conversations/{id}/read}),
 * the unread counts it gives the list and the counts, and {@code conversation.read} when it moves.
 */
class ReadPositionsIT {

  /** A reader of this test only, so that other tests' reads do not count. */
  private static String reader() {
    return "reader-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String lastMessageId(UUID conversation) {
    return Api.query(
        "select id from messages where conversation_id = '"
            + conversation
            + "' order by created_at desc, id desc limit 1");
  }

  /** The conversation's row in the newest page of all conversations, as {@code reader} sees it. */
  private static Integer unread(UUID conversation, String reader) {
    return asService()
        .queryParam("reader", reader)
        .queryParam("limit", 100)
        .get("/conversations")
        .then()
        .statusCode(200)
        .extract()
        .path("items.find { it.conversation_id == '" + conversation + "' }.unread");
  }

  private static long unreadConversations(String reader) {
    return asService()
        .queryParam("assignee", reader)
        .get("/conversations/counts")
        .then()
        .statusCode(200)
        .extract()
        .<Number>path("unread")
        .longValue();
  }

  private static String reads(UUID conversation) {
    return Api.query(
        "select string_agg(payload->>'reader' || '@' || (payload->>'read_up_to'), ','"
            + " order by id) from outbox where event_type = 'conversation.read'"
            + " and conversation_id = '"
            + conversation
            + "'");
  }

  private static String createdAt(String messageId) {
    return asService()
        .get("/messages/" + messageId + "/context")
        .then()
        .statusCode(200)
        .extract()
        .path("message.created_at");
  }

  @Test
  void customerMessagesAreUnreadUntilTheOperatorReadsThemAndOnlyForThatOperator() {
    String ann = reader();
    String bob = reader();
    UUID c = Api.customerSays(null, "first question");
    Api.customerSays(c, "second question");
    long before = unreadConversations(ann);
    assertEquals(2, unread(c, ann));
    assertEquals(2, unread(c, bob));
    // Without a reader the list has no unread counts.
    asService()
        .queryParam("limit", 100)
        .get("/conversations")
        .then()
        .body("items.find { it.conversation_id == '" + c + "' }.unread", nullValue());

    String latest = lastMessageId(c);
    asOperator(ann)
        .put("/conversations/" + c + "/read")
        .then()
        .statusCode(200)
        .body("conversation_id", equalTo(c.toString()))
        .body("reader", equalTo(ann))
        .body("read_up_to", equalTo(createdAt(latest)))
        .body("unread", equalTo(0));
    assertEquals(0, unread(c, ann));
    assertEquals(2, unread(c, bob), "bob has read nothing");
    assertEquals(before - 1, unreadConversations(ann));
    assertEquals(ann + "@" + createdAt(latest), reads(c));

    // Reading again moves nothing and publishes nothing; an operator's reply is not unread.
    asOperator(ann).put("/conversations/" + c + "/read").then().statusCode(200);
    asOperator("carl")
        .body("{\"sender\":\"operator\",\"conversation_id\":\"" + c + "\",\"content\":\"on it\"}")
        .post("/messages")
        .then()
        .statusCode(201);
    assertEquals(0, unread(c, ann));
    assertEquals(ann + "@" + createdAt(latest), reads(c));

    // The customer writes again: one unread for ann, and the conversation counts again.
    Api.customerSays(c, "third question");
    assertEquals(1, unread(c, ann));
    assertEquals(before, unreadConversations(ann));
  }

  @Test
  void aPositionOnlyMovesForward() {
    String ann = reader();
    UUID c = Api.customerSays(null, "one");
    String first = lastMessageId(c);
    Api.customerSays(c, "two");
    String second = lastMessageId(c);

    asOperator(ann)
        .body("{\"message_id\":\"" + first + "\"}")
        .put("/conversations/" + c + "/read")
        .then()
        .statusCode(200)
        .body("unread", equalTo(1));
    asOperator(ann)
        .body("{\"message_id\":\"" + second + "\"}")
        .put("/conversations/" + c + "/read")
        .then()
        .statusCode(200)
        .body("unread", equalTo(0));
    // A late mark of the first message (another tab) leaves the position at the second.
    asOperator(ann)
        .body("{\"message_id\":\"" + first + "\"}")
        .put("/conversations/" + c + "/read")
        .then()
        .statusCode(200)
        .body("read_up_to", equalTo(createdAt(second)))
        .body("unread", equalTo(0));
    assertEquals(ann + "@" + createdAt(first) + "," + ann + "@" + createdAt(second), reads(c));
  }

  @Test
  void badMarksAreRefusedAndStoreNothing() {
    UUID c = Api.customerSays(null, "mark me");
    UUID other = Api.customerSays(null, "another conversation");
    String positions = "select count(*) from read_positions where conversation_id = '" + c + "'";

    asOperator("ann")
        .body("{\"message_id\":\"" + lastMessageId(other) + "\"}")
        .put("/conversations/" + c + "/read")
        .then()
        .statusCode(400)
        .body("field", equalTo("message_id"));
    asOperator("ann")
        .body("{\"message_id\":\"" + UUID.randomUUID() + "\"}")
        .put("/conversations/" + c + "/read")
        .then()
        .statusCode(400)
        .body("field", equalTo("message_id"));
    asOperator("ann")
        .body("{\"message_id\":\"not-a-uuid\"}")
        .put("/conversations/" + c + "/read")
        .then()
        .statusCode(400);
    asOperator("ann")
        .body("{\"reader\":\"bob\"}")
        .put("/conversations/" + c + "/read")
        .then()
        .statusCode(400)
        .body("error", equalTo("unknown_field"));
    asOperator("ann")
        .body("{\"message_id\":")
        .put("/conversations/" + c + "/read")
        .then()
        .statusCode(400)
        .body("error", equalTo("malformed_json"));
    asOperator("ann")
        .contentType(ContentType.TEXT)
        .body("read")
        .put("/conversations/" + c + "/read")
        .then()
        .statusCode(415);
    asOperator("ann").put("/conversations/" + UUID.randomUUID() + "/read").then().statusCode(404);
    asOperator("ann").put("/conversations/nope/read").then().statusCode(400);
    // The gateway's service token has no read position of its own.
    asService().put("/conversations/" + c + "/read").then().statusCode(403);
    assertEquals("0", Api.query(positions));
    assertEquals(null, reads(c));
  }
}
