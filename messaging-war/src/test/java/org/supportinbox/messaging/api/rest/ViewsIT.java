package org.supportinbox.messaging.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.supportinbox.messaging.api.rest.Api.asAiFunction;
import static org.supportinbox.messaging.api.rest.Api.asOperator;
import static org.supportinbox.messaging.api.rest.Api.asService;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The inbox's views ({@code GET /conversations} by status, assignee or none, by activity or
 * urgency, paged to the end) and their counts ({@code GET /conversations/counts}). The module's
 * database is shared by its ITs, so each test works with an assignee of its own.
 */
class ViewsIT {

  private static String someone() {
    return "views-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void patch(UUID conversation, String body) {
    asService().body(body).patch("/conversations/" + conversation).then().statusCode(200);
  }

  private static JsonPath list(Map<String, ?> parameters) {
    return asOperator("ann")
        .queryParams(parameters)
        .get("/conversations")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Every conversation of the view, page by page. */
  private static List<String> walk(Map<String, Object> parameters) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < 50; pages++) {
      Map<String, Object> p = new java.util.HashMap<>(parameters);
      p.put("limit", 2);
      if (cursor != null) {
        p.put("cursor", cursor);
      }
      JsonPath page = list(p);
      ids.addAll(page.getList("items.conversation_id"));
      cursor = page.getString("next_cursor");
      if (cursor == null) {
        return ids;
      }
    }
    throw new AssertionError("more than 50 pages");
  }

  @Test
  void anAssigneesViewPagesThroughAllOfItNewestFirst() {
    String who = someone();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      UUID c = Api.customerSays(null, "views " + i);
      patch(c, "{\"assignee\":\"" + who + "\"}");
      expected.add(0, c.toString());
    }
    UUID resolved = Api.customerSays(null, "views resolved");
    patch(resolved, "{\"assignee\":\"" + who + "\",\"status\":\"resolved\"}");

    assertEquals(expected, walk(Map.of("status", "open", "assignee", who)));
    List<String> all = new ArrayList<>(expected);
    all.add(0, resolved.toString());
    assertEquals(all, walk(Map.of("assignee", who)));
    assertEquals(List.of(resolved.toString()), walk(Map.of("status", "resolved", "assignee", who)));
  }

  @Test
  void unassignedHoldsOnlyConversationsWithoutAnAssignee() {
    UUID c = Api.customerSays(null, "nobody has me");
    JsonPath first = list(Map.of("status", "open", "unassigned", "true", "limit", 100));
    assertEquals(c.toString(), first.getString("items[0].conversation_id"));
    assertEquals(List.of(), first.getList("items.findAll { it.assignee != null }"));
    patch(c, "{\"assignee\":\"" + someone() + "\"}");
    assertEquals(
        List.of(),
        list(Map.of("status", "open", "unassigned", "true", "limit", 100))
            .getList("items.findAll { it.conversation_id == '" + c + "' }"));
  }

  @Test
  void byUrgencyHighComesFirstThenNormalLowAndNoneEachNewestFirst() {
    String who = someone();
    List<String> ids = new ArrayList<>();
    for (String urgency : new String[] {"low", null, "high", "normal", "high"}) {
      UUID c = Api.customerSays(null, "urgent? " + urgency);
      patch(c, "{\"assignee\":\"" + who + "\"}");
      if (urgency != null) {
        String message =
            asService()
                .get("/conversations/" + c)
                .then()
                .extract()
                .path("messages[0].id")
                .toString();
        asAiFunction()
            .body(
                "{\"message_id\":\""
                    + message
                    + "\",\"conversation_id\":\""
                    + c
                    + "\",\"status\":\"available\",\"intent\":\"other\",\"summary\":\"s\","
                    + "\"suggested_reply\":\"r\",\"sentiment\":\"neutral\",\"urgency\":\""
                    + urgency
                    + "\",\"model\":\"m\",\"attempts\":1,\"latency_ms\":1}")
            .post("/ai-insights")
            .then()
            .statusCode(200);
      }
      ids.add(c.toString());
    }
    // created: 0 low, 1 none, 2 high, 3 normal, 4 high
    assertEquals(
        List.of(ids.get(4), ids.get(2), ids.get(3), ids.get(0), ids.get(1)),
        walk(Map.of("assignee", who, "sort", "urgency")));
    // A cursor of one walk is refused in the other.
    String byTime = list(Map.of("assignee", who, "limit", 1)).getString("next_cursor");
    asOperator("ann")
        .queryParam("assignee", who)
        .queryParam("sort", "urgency")
        .queryParam("cursor", byTime)
        .get("/conversations")
        .then()
        .statusCode(400)
        .body("field", equalTo("cursor"));
  }

  @Test
  void countsFollowChanges() {
    String who = someone();
    JsonPath before = counts(who);
    assertEquals(0, before.getInt("mine"));
    UUID a = Api.customerSays(null, "count me");
    UUID b = Api.customerSays(null, "count me too");
    JsonPath two = counts(who);
    assertEquals(before.getLong("unassigned") + 2, two.getLong("unassigned"));
    assertEquals(before.getLong("open") + 2, two.getLong("open"));
    patch(a, "{\"assignee\":\"" + who + "\"}");
    patch(b, "{\"assignee\":\"" + who + "\",\"status\":\"pending\"}");
    JsonPath after = counts(who);
    assertEquals(1, after.getInt("mine"), "pending is not in mine");
    assertEquals(before.getLong("unassigned"), after.getLong("unassigned"));
    assertEquals(before.getLong("pending") + 1, after.getLong("pending"));
    assertEquals(before.getLong("open") + 1, after.getLong("open"));
    assertEquals(10_000, after.getLong("cap"));
    asService()
        .get("/conversations/counts")
        .then()
        .statusCode(200)
        .body("mine", org.hamcrest.Matchers.nullValue());
  }

  private static JsonPath counts(String who) {
    return asOperator("ann")
        .queryParam("assignee", who)
        .get("/conversations/counts")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @ParameterizedTest(name = "{0} -> 400 {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unassigned=maybe| unassigned",
        "unassigned=true&assignee=bob| unassigned",
        "sort=newest| sort",
        "status=snoozing| status",
        "assignee=bob%0Aeve| assignee",
      })
  void badParametersAre400NamingThem(String query, String field) {
    asOperator("ann")
        .urlEncodingEnabled(false)
        .get("/conversations?" + query)
        .then()
        .statusCode(400)
        .body("field", equalTo(field));
  }
}
