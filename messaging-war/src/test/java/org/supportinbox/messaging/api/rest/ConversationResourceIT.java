package org.supportinbox.messaging.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.supportinbox.messaging.api.rest.Api.asOperator;
import static org.supportinbox.messaging.api.rest.Api.asService;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConversationResourceIT {

  @Test
  void theThreadHasEveryMessageInCreatedOrderWithItsInsight() {
    UUID c = Api.customerSays(null, "one");
    asOperator("bob")
        .body("{\"sender\":\"operator\",\"conversation_id\":\"" + c + "\",\"content\":\"two\"}")
        .post("/messages")
        .then()
        .statusCode(201);
    Api.customerSays(c, "three");

    JsonPath thread =
        asOperator("bob").get("/conversations/" + c).then().statusCode(200).extract().jsonPath();
    assertEquals(c.toString(), thread.getString("conversation_id"), "conversation_id");
    assertEquals(List.of("one", "two", "three"), thread.getList("messages.content"));
    assertEquals(List.of("customer", "operator", "customer"), thread.getList("messages.sender"));
    assertEquals("processing", thread.getString("messages[0].ai.status"));
    assertEquals(null, thread.getMap("messages[1].ai"));
    assertEquals("processing", thread.getString("messages[2].ai.status"));
  }

  @Test
  void unknownAndMalformedIds() {
    asService()
        .get("/conversations/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("error", equalTo("conversation_not_found"));
    asService()
        .get("/conversations/not-a-uuid")
        .then()
        .statusCode(400)
        .body("field", equalTo("id"));
  }

  @Test
  void theListIsNewestFirstAndPagesWithoutGapsOrRepeats() {
    List<UUID> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mine.add(0, Api.customerSays(null, "list " + i)); // newest first
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 1_000; page++) {
      var request = asService().queryParam("limit", 2);
      if (cursor != null) {
        request = request.queryParam("cursor", cursor);
      }
      JsonPath json = request.get("/conversations").then().statusCode(200).extract().jsonPath();
      List<String> ids = json.getList("items.conversation_id");
      assertTrue(ids.size() <= 2);
      seen.addAll(ids);
      cursor = json.getString("next_cursor");
      if (cursor == null) {
        break;
      }
    }
    assertEquals(new HashSet<>(seen).size(), seen.size(), "no conversation twice");
    List<String> expected = mine.stream().map(UUID::toString).toList();
    List<String> mineInListOrder = seen.stream().filter(expected::contains).toList();
    assertEquals(expected, mineInListOrder);
    // the five are the newest activity, so they lead the list
    assertEquals(expected, seen.subList(0, 5));
  }

  @Test
  void patchChangesStatusAndAssigneeAndTheListFiltersByStatus() {
    UUID c = Api.customerSays(null, "please assign me");
    asOperator("bob")
        .body("{\"status\":\"pending\",\"assignee\":\"bob\"}")
        .patch("/conversations/" + c)
        .then()
        .statusCode(200)
        .body("status", equalTo("pending"))
        .body("assignee", equalTo("bob"));
    asService()
        .queryParam("status", "pending")
        .queryParam("limit", 100)
        .get("/conversations")
        .then()
        .statusCode(200)
        .body("items.status", everyItem(equalTo("pending")))
        .body("items.conversation_id", hasItem(c.toString()));
    asOperator("bob")
        .body("{\"assignee\":null}")
        .patch("/conversations/" + c)
        .then()
        .statusCode(200)
        .body("status", equalTo("pending"))
        .body("assignee", nullValue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"resolved", "pending"})
  void aCustomerWritingIntoAResolvedOrPendingConversationReopensIt(String status) {
    UUID c = Api.customerSays(null, "thanks, solved");
    asOperator("bob")
        .body("{\"status\":\"" + status + "\"}")
        .patch("/conversations/" + c)
        .then()
        .statusCode(200)
        .body("status", equalTo(status));
    String updatesBefore = updates(c);
    // An operator's message leaves the status alone and publishes no update.
    asOperator("bob")
        .body("{\"sender\":\"operator\",\"conversation_id\":\"" + c + "\",\"content\":\"ok\"}")
        .post("/messages")
        .then()
        .statusCode(201);
    asService().get("/conversations/" + c).then().body("status", equalTo(status));
    assertEquals(updatesBefore, updates(c));

    Api.customerSays(c, "actually, one more thing");
    asService().get("/conversations/" + c).then().body("status", equalTo("open"));
    assertEquals(Integer.parseInt(updatesBefore) + 1, Integer.parseInt(updates(c)));
    assertEquals(
        "open",
        Api.query(
            "select payload->>'status' from outbox where event_type = 'conversation.updated'"
                + " and payload->>'conversation_id' = '"
                + c
                + "' order by id desc limit 1"));
  }

  private static String updates(UUID c) {
    return Api.query(
        "select count(*) from outbox where event_type = 'conversation.updated'"
            + " and payload->>'conversation_id' = '"
            + c
            + "'");
  }

  @Test
  void badPatchesAre400AndChangeNothing() {
    UUID c = Api.customerSays(null, "patch me badly");
    String before =
        Api.query("select status || updated_at from conversations where id = '" + c + "'");
    for (String body :
        new String[] {
          "{}",
          "{\"status\":\"closed\"}",
          "{\"status\":null}",
          "{\"status\":\"open\",\"priority\":1}",
          "{\"assignee\":42}",
          "{\"assignee\":\"" + "a".repeat(101) + "\"}",
          "not json"
        }) {
      asOperator("bob")
          .body(body)
          .patch("/conversations/" + c)
          .then()
          .statusCode(400)
          .body("error", org.hamcrest.Matchers.notNullValue());
    }
    assertEquals(
        before, Api.query("select status || updated_at from conversations where id = '" + c + "'"));
    asOperator("bob")
        .body("{\"status\":\"open\"}")
        .patch("/conversations/" + UUID.randomUUID())
        .then()
        .statusCode(404);
  }

  @Test
  void badListParametersAre400() {
    for (String[] q :
        new String[][] {
          {"limit", "0"}, {"limit", "101"}, {"limit", "ten"}, {"status", "closed"}, {"cursor", "zz"}
        }) {
      asService()
          .queryParam(q[0], q[1])
          .get("/conversations")
          .then()
          .statusCode(400)
          .body("field", equalTo(q[0]));
    }
    Set<String> fine = Set.of("open", "pending", "resolved");
    for (String status : fine) {
      asService().queryParam("status", status).get("/conversations").then().statusCode(200);
    }
  }
}
