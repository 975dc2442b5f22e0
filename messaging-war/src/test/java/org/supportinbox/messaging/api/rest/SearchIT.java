package org.supportinbox.messaging.api.rest;

import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.supportinbox.messaging.api.rest.Api.asAiFunction;
import static org.supportinbox.messaging.api.rest.Api.asOperator;
import static org.supportinbox.messaging.api.rest.Api.asService;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /search}: PostgreSQL full-text search over messages (customer, operator, notes), AI
 * summaries and customers, with filters and keyset paging. The module's database is shared by its
 * ITs, so each test searches for words of its own.
 */
class SearchIT {

  /** A word no other test wrote: letters only, so both text search configurations keep it. */
  private static String word() {
    StringBuilder w = new StringBuilder("zq");
    ThreadLocalRandom r = ThreadLocalRandom.current();
    for (int i = 0; i < 8; i++) {
      w.append((char) ('a' + r.nextInt(26)));
    }
    return w.toString();
  }

  private static JsonPath search(Map<String, ?> parameters) {
    return asOperator("ann")
        .queryParams(parameters)
        .get("/search")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String operatorWrites(UUID conversation, String content, boolean note) {
    return asOperator("bob")
        .body(
            "{\"sender\":\"operator\",\"conversation_id\":\""
                + conversation
                + "\",\"content\":\""
                + content
                + "\",\"internal\":"
                + note
                + "}")
        .post("/messages")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String lastMessageId(UUID conversation) {
    return asService()
        .get("/conversations/" + conversation)
        .then()
        .extract()
        .path("messages[-1].id");
  }

  @Test
  void findsCustomerMessagesRepliesAndNotesWithTheWordHighlighted() {
    String w = word();
    UUID conversation = Api.customerSays(null, "Where is my parcel " + w + " please?");
    String customerMessage = lastMessageId(conversation);
    String reply = operatorWrites(conversation, "Your parcel " + w + " left today.", false);
    String note = operatorWrites(conversation, "Carrier says " + w + " is delayed", true);

    JsonPath page = search(Map.of("q", w));
    assertEquals(List.of(note, reply, customerMessage), page.getList("results.message_id"));
    assertEquals(List.of(true, false, false), page.getList("results.internal", Boolean.class));
    assertEquals(List.of("message", "message", "message"), page.getList("results.matched_in"));
    assertEquals("Ann", page.getString("results[2].customer_name"));
    assertEquals("open", page.getString("results[2].status"));
    assertEquals(conversation.toString(), page.getString("results[0].conversation_id"));
    assertNull(page.getString("next_cursor"));
    for (int i = 0; i < 3; i++) {
      String snippet = page.getString("results[" + i + "].snippet");
      int start = page.getInt("results[" + i + "].highlights[0].start");
      int end = page.getInt("results[" + i + "].highlights[0].end");
      assertEquals(w, snippet.substring(start, end), snippet);
      assertEquals(-1, snippet.indexOf('\u0002'), "no mark left in the snippet");
    }
  }

  @Test
  void wordsMatchAsWrittenOrByTheirStemInAnyCaseAndAnyLanguage() {
    String w = word();
    UUID conversation =
        Api.customerSays(
            null, "Ich möchte eine Rückerstattung " + w + ", the refunds were promised");
    String id = lastMessageId(conversation);
    for (String q : List.of("rückerstattung " + w, "REFUND " + w, "promise " + w)) {
      assertEquals(List.of(id), search(Map.of("q", q)).getList("results.message_id"), q);
    }
    assertEquals(
        List.of(), search(Map.of("q", "rückerstattung " + w + " -refunds")).getList("results"));
    assertEquals(
        List.of(id),
        search(Map.of("q", "\"refunds were promised\" " + w)).getList("results.message_id"));
    assertEquals(List.of(), search(Map.of("q", "\"promised refunds\" " + w)).getList("results"));
  }

  @Test
  void findsCustomersByNameAndEmail() {
    String w = word();
    UUID conversation =
        UUID.fromString(
            asService()
                .body(
                    "{\"sender\":\"customer\",\"sender_name\":\"Jane "
                        + w
                        + "\",\"customer_email\":\"jane."
                        + w
                        + "@example.com\",\"content\":\"hello\"}")
                .post("/messages")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("conversation_id"));
    for (String q : List.of("jane " + w, "jane." + w + "@example.com", w + " example")) {
      JsonPath page = search(Map.of("q", q));
      assertEquals(List.of(conversation.toString()), page.getList("results.conversation_id"), q);
      assertEquals("customer", page.getString("results[0].matched_in"));
      assertNull(page.get("results[0].message_id"));
    }
  }

  @Test
  void findsAiSummariesAndFiltersByTheConversationsIntentAndUrgency() {
    String w = word();
    UUID conversation = Api.customerSays(null, "it broke");
    String message = lastMessageId(conversation);
    asAiFunction()
        .body(
            "{\"message_id\":\""
                + message
                + "\",\"conversation_id\":\""
                + conversation
                + "\",\"status\":\"available\",\"intent\":\"technical_issue\",\"summary\":"
                + "\"Customer reports the "
                + w
                + " device is broken\",\"suggested_reply\":\"r\",\"sentiment\":\"negative\","
                + "\"urgency\":\"high\",\"model\":\"m\",\"attempts\":1,\"latency_ms\":1}")
        .post("/ai-insights")
        .then()
        .statusCode(200);
    JsonPath page = search(Map.of("q", w));
    assertEquals(List.of(message), page.getList("results.message_id"));
    assertEquals("summary", page.getString("results[0].matched_in"));
    assertEquals(
        List.of(message),
        search(Map.of("q", w, "intent", "technical_issue", "urgency", "high"))
            .getList("results.message_id"));
    assertEquals(List.of(), search(Map.of("q", w, "intent", "billing")).getList("results"));
    assertEquals(List.of(), search(Map.of("q", w, "urgency", "low")).getList("results"));

    // A message whose text and summary both match is one hit, of its text.
    Api.customerSays(conversation, "the " + w + " device again");
    String both = lastMessageId(conversation);
    asAiFunction()
        .body(
            "{\"message_id\":\""
                + both
                + "\",\"conversation_id\":\""
                + conversation
                + "\",\"status\":\"available\",\"intent\":\"technical_issue\",\"summary\":"
                + "\"Customer says the "
                + w
                + " device broke again\",\"suggested_reply\":\"r\",\"sentiment\":\"negative\","
                + "\"urgency\":\"high\",\"model\":\"m\",\"attempts\":1,\"latency_ms\":1}")
        .post("/ai-insights")
        .then()
        .statusCode(200);
    JsonPath two = search(Map.of("q", w));
    assertEquals(List.of(both, message), two.getList("results.message_id"));
    assertEquals(List.of("message", "summary"), two.getList("results.matched_in"));
  }

  @Test
  void filtersByStatusAssigneeAndTime() {
    String w = word();
    UUID first = Api.customerSays(null, "first " + w);
    UUID second = Api.customerSays(null, "second " + w);
    asService()
        .body("{\"status\":\"resolved\",\"assignee\":\"carol\"}")
        .patch("/conversations/" + second)
        .then()
        .statusCode(200);
    assertEquals(
        List.of(second.toString()),
        search(Map.of("q", w, "status", "resolved")).getList("results.conversation_id"));
    assertEquals(
        List.of(first.toString()),
        search(Map.of("q", w, "status", "open")).getList("results.conversation_id"));
    assertEquals(
        List.of(second.toString()),
        search(Map.of("q", w, "assignee", "carol")).getList("results.conversation_id"));
    String secondAt = search(Map.of("q", "second " + w)).getString("results[0].created_at");
    assertEquals(
        List.of(second.toString()),
        search(Map.of("q", w, "from", secondAt)).getList("results.conversation_id"));
    assertEquals(
        List.of(first.toString()),
        search(Map.of("q", w, "to", secondAt)).getList("results.conversation_id"));
    assertEquals(
        List.of(), search(Map.of("q", w, "to", "2020-01-01")).getList("results.conversation_id"));
  }

  @Test
  void pagesThroughEveryHitOnceNewestFirst() {
    String w = word();
    UUID conversation = Api.customerSays(null, "hit 0 " + w);
    for (int i = 1; i < 7; i++) {
      Api.customerSays(conversation, "hit " + i + " " + w);
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonPath page =
          search(
              cursor == null
                  ? Map.of("q", w, "limit", 3)
                  : Map.of("q", w, "limit", 3, "cursor", cursor));
      seen.addAll(page.getList("results.snippet"));
      cursor = page.getString("next_cursor");
      pages++;
    } while (cursor != null && pages < 10);
    assertEquals(
        List.of(
            "hit 6 " + w,
            "hit 5 " + w,
            "hit 4 " + w,
            "hit 3 " + w,
            "hit 2 " + w,
            "hit 1 " + w,
            "hit 0 " + w),
        seen);
    assertEquals(3, pages);
  }

  @ParameterizedTest(name = "{0} -> 400 {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "q=| q",
        "q=%20%20| q",
        "q=!!!%20...| q",
        "q=parcel&status=closed| status",
        "q=parcel&intent=anything| intent",
        "q=parcel&urgency=extreme| urgency",
        "q=parcel&limit=0| limit",
        "q=parcel&limit=101| limit",
        "q=parcel&limit=ten| limit",
        "q=parcel&cursor=not-a-cursor| cursor",
        "q=parcel&from=yesterday| from",
        "q=parcel&to=2026-13-01| to",
        "q=parcel&from=2026-12-02&to=2026-12-01| to",
        "q=parcel&assignee=bob%0Aeve| assignee",
      })
  void badParametersAre400NamingThem(String query, String field) {
    asOperator("ann")
        .urlEncodingEnabled(false)
        .get("/search?" + query)
        .then()
        .statusCode(400)
        .body("field", equalTo(field))
        .body("detail", notNullValue());
  }

  @Test
  void aTooLongQueryIs400() {
    asOperator("ann")
        .queryParam("q", "a".repeat(201))
        .get("/search")
        .then()
        .statusCode(400)
        .body("field", equalTo("q"));
  }

  @Test
  void theAiFunctionsKeyCannotSearch() {
    asAiFunction().queryParam("q", "parcel").get("/search").then().statusCode(403);
  }

  @Test
  void noHitIsAnEmptyPage() {
    asOperator("ann")
        .queryParam("q", word())
        .get("/search")
        .then()
        .statusCode(200)
        .body("results", emptyIterable())
        .body("next_cursor", nullValue());
  }
}
