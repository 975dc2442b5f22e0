package org.supportinbox.messaging.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.supportinbox.messaging.api.rest.Api.MESSAGING;
import static org.supportinbox.messaging.api.rest.Api.asOperator;
import static org.supportinbox.messaging.api.rest.Api.asService;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageContextIT {

  /** A conversation of {@code n} messages "m0".."m(n-1)", alternating customer and operator. */
  private static List<String> conversationOf(int n) {
    List<String> ids = new ArrayList<>();
    UUID conversation = UUID.randomUUID();
    for (int i = 0; i < n; i++) {
      String sender = i % 2 == 0 ? "customer" : "operator";
      ids.add(
          asService()
              .body(
                  "{\"sender\":\""
                      + sender
                      + "\",\"conversation_id\":\""
                      + conversation
                      + "\",\"content\":\"m"
                      + i
                      + "\"}")
              .post("/messages")
              .then()
              .statusCode(201)
              .extract()
              .path("id"));
    }
    return ids;
  }

  private static JsonPath context(String id, Object limit) {
    var request = asOperator("bob");
    if (limit != null) {
      request = request.queryParam("limit", limit);
    }
    return request.get("/messages/" + id + "/context").then().statusCode(200).extract().jsonPath();
  }

  @Test
  void theMessageComesWithTheOnesBeforeItOldestFirst() {
    List<String> ids = conversationOf(10);
    // another conversation, interleaved in time, never shows up
    conversationOf(3);

    JsonPath c = context(ids.get(8), null); // default 6
    assertEquals(ids.get(8), c.getString("message.id"));
    assertEquals("m8", c.getString("message.content"));
    assertEquals("customer", c.getString("message.sender"));
    assertEquals("processing", c.getString("message.ai.status"));
    assertEquals(ids.subList(2, 8), c.getList("previous.id"));
    assertEquals(List.of("m2", "m3", "m4", "m5", "m6", "m7"), c.getList("previous.content"));
    assertEquals(
        List.of("customer", "operator", "customer", "operator", "customer", "operator"),
        c.getList("previous.sender"));
    // each previous message with its insight, or null, as in the thread
    assertEquals("processing", c.getString("previous[0].ai.status"));
    assertNull(c.getMap("previous[1].ai"));

    assertEquals(ids.subList(6, 8), context(ids.get(8), 2).getList("previous.id"));
    assertEquals(List.of(), context(ids.get(8), 0).getList("previous"));
    // fewer before it than asked for: all of them
    assertEquals(ids.subList(0, 3), context(ids.get(3), 20).getList("previous.id"));
    assertEquals(List.of(), context(ids.get(0), 20).getList("previous"));
  }

  @Test
  void theLimitIsCappedAtTwenty() {
    List<String> ids = conversationOf(23);
    JsonPath c = context(ids.get(22), 20);
    assertEquals(ids.subList(2, 22), c.getList("previous.id"));
    assertEquals("m22", c.getString("message.content"));
    for (String bad : new String[] {"21", "-1", "six", "1.5", "99999999999"}) {
      asService()
          .queryParam("limit", bad)
          .get("/messages/" + ids.get(22) + "/context")
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_field"))
          .body("field", equalTo("limit"));
    }
  }

  @Test
  void messagesStoredInTheSameMicrosecondAreOrderedById() {
    List<String> ids = conversationOf(4);
    // Give all four one created_at: the thread's order is then by id, and so is the context's.
    Api.execute(
        "update messages set created_at = '2026-01-01T00:00:00Z' where id in ('"
            + String.join("','", ids)
            + "')");
    // PostgreSQL orders uuids byte by byte: the order of their lower-case text.
    List<String> byId = ids.stream().sorted().toList();
    assertEquals(
        byId.subList(0, 3), context(byId.get(3), 6).getList("previous.id"), "ordered by id");
    assertEquals(
        byId,
        asService()
            .get(
                "/conversations/"
                    + Api.query(
                        "select conversation_id from messages where id = '" + ids.get(0) + "'"))
            .then()
            .extract()
            .jsonPath()
            .getList("messages.id"),
        "the same order as the thread");
  }

  @Test
  void unknownAndMalformedIds() {
    asService()
        .get("/messages/" + UUID.randomUUID() + "/context")
        .then()
        .statusCode(404)
        .body("error", equalTo("message_not_found"));
    asService()
        .get("/messages/not-a-uuid/context")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_field"))
        .body("field", equalTo("id"));
  }

  @Test
  void operatorsAdminsAndServicesOnly() {
    String id = conversationOf(1).get(0);
    given()
        .baseUri(MESSAGING.server().baseUrl())
        .get("/messages/" + id + "/context")
        .then()
        .statusCode(401)
        .body("error", equalTo("unauthorized"));
    Api.as(MESSAGING.token("carol", "customer"))
        .get("/messages/" + id + "/context")
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));
    Api.as(MESSAGING.token("root", "admin"))
        .get("/messages/" + id + "/context")
        .then()
        .statusCode(200)
        .body("message.id", equalTo(id));
    asService().get("/messages/" + id + "/context").then().statusCode(200);
  }

  private static void summarise(String messageId, String conversationSummary) {
    String conversation =
        asService()
            .get("/messages/" + messageId + "/context")
            .then()
            .extract()
            .path("message.conversation_id");
    Api.asAiFunction()
        .body(
            "{\"message_id\":\""
                + messageId
                + "\",\"conversation_id\":\""
                + conversation
                + "\",\"status\":\"available\",\"intent\":\"other\",\"summary\":\"s\","
                + "\"suggested_reply\":\"r\",\"sentiment\":\"neutral\",\"urgency\":\"low\","
                + "\"model\":\"m\",\"attempts\":1,\"conversation_summary\":\""
                + conversationSummary
                + "\"}")
        .post("/ai-insights")
        .then()
        .statusCode(200) // a customer message's insight exists from the start, processing
        .body("conversation_summary", equalTo(conversationSummary));
  }

  @Test
  void theContextCarriesTheLatestConversationSummaryWrittenBeforeTheMessage() {
    List<String> ids = conversationOf(5); // customer m0, m2, m4
    assertNull(context(ids.get(4), 2).getString("conversation_summary"));
    summarise(ids.get(0), "Asked about m0.");
    summarise(ids.get(2), "Asked about m0; m2 followed.");
    assertEquals(
        "Asked about m0; m2 followed.", context(ids.get(4), 0).getString("conversation_summary"));
    // Only summaries of earlier messages: m2's own context knows only m0's.
    assertEquals("Asked about m0.", context(ids.get(2), 6).getString("conversation_summary"));
    assertNull(context(ids.get(0), 6).getString("conversation_summary"));
  }
}
