package org.supportinbox.messaging.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.supportinbox.messaging.api.rest.Api.as;
import static org.supportinbox.messaging.api.rest.Api.asAiFunction;
import static org.supportinbox.messaging.api.rest.Api.asOperator;
import static org.supportinbox.messaging.api.rest.Api.asService;

import io.restassured.path.json.JsonPath;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The knowledge base's retrieval index ({@code /kb/passages}): the AI functions' indexer stores an
 * article version's passages, readers page through what changed by revision, a deleted article
 * leaves a tombstone, a set of an older version is refused, and only the functions' own tokens get
 * in.
 */
class PassagesIT {

  private static String vector(float... floats) {
    ByteBuffer b = ByteBuffer.allocate(floats.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : floats) {
      b.putFloat(f);
    }
    return Base64.getEncoder().encodeToString(b.array());
  }

  private static String set(long version, String... texts) {
    JsonArrayBuilder passages = Json.createArrayBuilder();
    for (int i = 0; i < texts.length; i++) {
      passages.add(
          Json.createObjectBuilder()
              .add("ordinal", i)
              .add("text", texts[i])
              .add("embedding", vector(i, 0.5f, -1f)));
    }
    return Json.createObjectBuilder()
        .add("article_version", version)
        .add("model", "all-minilm-l6-v2-q")
        .add("passages", passages)
        .build()
        .toString();
  }

  private static JsonPath article(String title, String body) {
    return asOperator("kim")
        .body(
            Json.createObjectBuilder()
                .add("title", title)
                .add("body", body)
                .add("language", "en")
                .build()
                .toString())
        .post("/kb/articles")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static long latestRevision() {
    String r = Api.query("select coalesce(max(revision), 0) from kb_passage_sets");
    return Long.parseLong(r);
  }

  @Test
  void anIndexedVersionIsReadBackAfterTheRevisionBeforeIt() {
    long before = latestRevision();
    String id = article("Returns", "Items can be returned within 14 days.").getString("id");

    JsonPath stored =
        asAiFunction()
            .body(set(1, "Items can be returned", "within 14 days."))
            .put("/kb/passages/" + id)
            .then()
            .statusCode(200)
            .body("source_id", equalTo(id))
            .body("kind", equalTo("article"))
            .body("version", equalTo(1))
            .body("title", equalTo("Returns"))
            .body("language", equalTo("en"))
            .body("deleted", equalTo(false))
            .body("passages", hasSize(2))
            .extract()
            .jsonPath();
    assertTrue(stored.getLong("revision") > before);

    JsonPath page =
        asAiFunction()
            .get("/kb/passages?after=" + before)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Map<String, Object>> sets = page.getList("sets");
    Map<String, Object> mine =
        sets.stream().filter(s -> id.equals(s.get("source_id"))).findFirst().orElseThrow();
    assertEquals(stored.getLong("revision"), ((Number) mine.get("revision")).longValue());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> passages = (List<Map<String, Object>>) mine.get("passages");
    assertEquals("within 14 days.", passages.get(1).get("text"));
    assertEquals(vector(1, 0.5f, -1f), passages.get(1).get("embedding"));
    assertTrue(page.getLong("revision") >= stored.getLong("revision"));

    // Nothing after the newest revision: an empty page that keeps the revision asked for.
    long newest = latestRevision();
    asAiFunction()
        .get("/kb/passages?after=" + newest)
        .then()
        .statusCode(200)
        .body("sets", hasSize(0))
        .body("revision", equalTo((int) newest))
        .body("more", equalTo(false));
  }

  @Test
  void aSetOfAnotherVersionIsRefusedAndStoresNothing() {
    String id = article("Shipping", "We ship in 2 days.").getString("id");
    asOperator("kim")
        .body("{\"title\":\"Shipping\",\"body\":\"We ship in 1 day.\",\"version\":1}")
        .put("/kb/articles/" + id)
        .then()
        .statusCode(200)
        .body("version", equalTo(2));
    String before = Api.query("select count(*) from kb_passage_sets");

    asAiFunction()
        .body(set(1, "We ship in 2 days."))
        .put("/kb/passages/" + id)
        .then()
        .statusCode(409)
        .body("field", equalTo("article_version"));
    assertEquals(before, Api.query("select count(*) from kb_passage_sets"));

    asAiFunction()
        .body(set(2, "We ship in 1 day."))
        .put("/kb/passages/" + id)
        .then()
        .statusCode(200)
        .body("version", equalTo(2));
  }

  @Test
  void aDeletedArticleLeavesATombstoneAndCannotBeIndexed() {
    String id = article("Gift cards", "Gift cards never expire.").getString("id");
    asAiFunction()
        .body(set(1, "Gift cards never expire."))
        .put("/kb/passages/" + id)
        .then()
        .statusCode(200);
    long before = latestRevision();

    as(Api.MESSAGING.token("ada-admin", "admin"))
        .delete("/kb/articles/" + id)
        .then()
        .statusCode(204);

    List<Map<String, Object>> sets =
        asAiFunction()
            .get("/kb/passages?after=" + before)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("sets");
    Map<String, Object> tombstone =
        sets.stream().filter(s -> id.equals(s.get("source_id"))).findFirst().orElseThrow();
    assertEquals(true, tombstone.get("deleted"));
    assertEquals(List.of(), tombstone.get("passages"));
    assertEquals("0", Api.query("select count(*) from kb_passages where source_id = '" + id + "'"));

    asAiFunction()
        .body(set(1, "Gift cards never expire."))
        .put("/kb/passages/" + id)
        .then()
        .statusCode(404)
        .body("error", equalTo("article_not_found"));
  }

  @Test
  void pagesFollowEachOtherInRevisionOrder() {
    long before = latestRevision();
    for (int i = 0; i < 3; i++) {
      String id = article("Paged " + i, "Body " + i).getString("id");
      asAiFunction().body(set(1, "Body " + i)).put("/kb/passages/" + id).then().statusCode(200);
    }
    JsonPath first =
        asAiFunction()
            .get("/kb/passages?after=" + before + "&limit=2")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(2, first.getList("sets").size());
    assertEquals(true, first.getBoolean("more"));
    JsonPath second =
        asAiFunction()
            .get("/kb/passages?after=" + first.getLong("revision") + "&limit=2")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertTrue(second.getList("sets").size() >= 1);
    assertTrue(second.getLong("sets[0].revision") > first.getLong("revision"));
  }

  @Test
  void badSetsAre400NamingWhatIsWrongAndStoreNothing() {
    String id = article("Warranty", "Two years.").getString("id");
    String before = Api.query("select count(*) from kb_passage_sets");
    String good = set(1, "Two years.");
    Map<String, String> bad =
        Map.of(
            "wrong ordinal", good.replace("\"ordinal\":0", "\"ordinal\":3"),
            "not base64", good.replaceFirst("\"embedding\":\"[^\"]*\"", "\"embedding\":\"%%%\""),
            "not whole floats",
                good.replaceFirst("\"embedding\":\"[^\"]*\"", "\"embedding\":\"AAA=\""),
            "NaN",
                good.replaceFirst(
                    "\"embedding\":\"[^\"]*\"", "\"embedding\":\"" + vector(Float.NaN) + "\""),
            "empty text", good.replace("\"text\":\"Two years.\"", "\"text\":\"  \""),
            "no model", good.replace("\"model\":\"all-minilm-l6-v2-q\",", ""),
            "version 0", good.replace("\"article_version\":1", "\"article_version\":0"));
    bad.forEach(
        (name, body) ->
            asAiFunction()
                .body(body)
                .put("/kb/passages/" + id)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(400));
    String mixed =
        good.replace(
            "]}", ",{\"ordinal\":1,\"text\":\"More\",\"embedding\":\"" + vector(1f) + "\"}]}");
    asAiFunction()
        .body(mixed)
        .put("/kb/passages/" + id)
        .then()
        .statusCode(400)
        .body("field", equalTo("passages"));
    asAiFunction()
        .get("/kb/passages?after=-1")
        .then()
        .statusCode(400)
        .body("field", equalTo("after"));
    asAiFunction()
        .get("/kb/passages?limit=101")
        .then()
        .statusCode(400)
        .body("field", equalTo("limit"));
    assertEquals(before, Api.query("select count(*) from kb_passage_sets"));
  }

  @Test
  void onlyTheFunctionsTokensReachTheIndex() {
    String id = article("Roles", "Only functions.").getString("id");
    for (var caller :
        List.of(asService(), asOperator("kim"), as(Api.MESSAGING.token("ada-admin", "admin")))) {
      caller.get("/kb/passages").then().statusCode(403);
    }
    asOperator("kim").body(set(1, "x")).put("/kb/passages/" + id).then().statusCode(403);
    asService().body(set(1, "x")).put("/kb/passages/" + id).then().statusCode(403);
    Api.as("not-a-token").get("/kb/passages").then().statusCode(401);
    // The indexer reads the article it cuts up; nothing else of the knowledge base.
    asAiFunction().get("/kb/articles/" + id).then().statusCode(200).body("title", equalTo("Roles"));
    asAiFunction().get("/kb/articles").then().statusCode(403);
  }

  private static String answers(String... texts) {
    JsonArrayBuilder passages = Json.createArrayBuilder();
    for (int i = 0; i < texts.length; i++) {
      passages.add(
          Json.createObjectBuilder()
              .add("ordinal", i)
              .add("text", texts[i])
              .add("embedding", vector(i, 1f)));
    }
    return Json.createObjectBuilder()
        .add("model", "all-minilm-l6-v2-q")
        .add("passages", passages)
        .build()
        .toString();
  }

  @Test
  void aResolvedConversationsAnswersAreReadAndIndexedButNeverItsNotes() {
    java.util.UUID c = Api.customerSays(null, "My lamp arrived broken\\nIt is the blue one.");
    asOperator("kim")
        .body(
            "{\"sender\":\"operator\",\"conversation_id\":\""
                + c
                + "\",\"content\":\"We send a new lamp today.\"}")
        .post("/messages")
        .then()
        .statusCode(201);
    asOperator("kim")
        .body(
            "{\"sender\":\"operator\",\"conversation_id\":\""
                + c
                + "\",\"content\":\"Note: customer is a VIP\",\"internal\":true}")
        .post("/messages")
        .then()
        .statusCode(201);

    // Not resolved yet: readable, not indexable.
    asAiFunction()
        .get("/conversations/" + c + "/answers")
        .then()
        .statusCode(200)
        .body("status", equalTo("open"))
        .body("title", equalTo("My lamp arrived broken"))
        .body("answers", equalTo(List.of("We send a new lamp today.")));
    asAiFunction()
        .body(answers("We send a new lamp today."))
        .put("/kb/answers/" + c)
        .then()
        .statusCode(409)
        .body("field", equalTo("status"));

    asOperator("kim")
        .body("{\"status\":\"resolved\"}")
        .patch("/conversations/" + c)
        .then()
        .statusCode(200);
    asAiFunction()
        .body(answers("We send a new lamp today."))
        .put("/kb/answers/" + c)
        .then()
        .statusCode(200)
        .body("kind", equalTo("conversation"))
        .body("source_id", equalTo(c.toString()))
        .body("title", equalTo("My lamp arrived broken"))
        .body("passages", hasSize(1));
    assertEquals(
        "conversation",
        Api.query("select kind from kb_passage_sets where source_id = '" + c + "'"));

    // Only the functions read answers or write them; an unknown conversation is 404.
    asOperator("kim").get("/conversations/" + c + "/answers").then().statusCode(403);
    asService().get("/conversations/" + c + "/answers").then().statusCode(403);
    asOperator("kim").body(answers("x")).put("/kb/answers/" + c).then().statusCode(403);
    asAiFunction()
        .get("/conversations/" + java.util.UUID.randomUUID() + "/answers")
        .then()
        .statusCode(404)
        .body("error", equalTo("conversation_not_found"));
    asAiFunction()
        .body(answers("x"))
        .put("/kb/answers/" + java.util.UUID.randomUUID())
        .then()
        .statusCode(404);
  }
}
