package org.supportinbox.messaging.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.supportinbox.messaging.api.rest.Api.as;
import static org.supportinbox.messaging.api.rest.Api.asOperator;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /kb/articles}: the knowledge base, written by operators, deleted by admins only, the
 * author from the token, {@code PUT} creating or replacing by id (idempotent: the same values
 * change nothing), every change an {@code article.changed} in the outbox of its transaction, every
 * rule a 400 naming the field, and a refused request storing and publishing nothing.
 */
class ArticleResourceIT {

  private static String admin() {
    return Api.MESSAGING.token("ada-admin", "admin");
  }

  private static String draft(String title, String body, List<String> tags, String language) {
    JsonObjectBuilder o = Json.createObjectBuilder().add("title", title).add("body", body);
    if (tags != null) {
      JsonArrayBuilder a = Json.createArrayBuilder();
      tags.forEach(a::add);
      o.add("tags", a);
    }
    if (language != null) {
      o.add("language", language);
    }
    return o.build().toString();
  }

  private static JsonPath create(String operator, String title, String body) {
    return asOperator(operator)
        .body(draft(title, body, null, null))
        .post("/kb/articles")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  /** The table in full and the outbox's article events, so "nothing stored" covers both. */
  private static String state() {
    return Api.query(
            "select coalesce(string_agg(id || '|' || title || '|' || body || '|' || tags::text"
                + " || '|' || coalesce(language, '-') || '|' || updated_by || '|' || version,"
                + " ';' order by id), '') from kb_articles")
        + "#"
        + Api.query("select count(*) from outbox where event_type = 'article.changed'");
  }

  /** The article's events in the outbox, as "change/version/language" in order. */
  private static String events(String id) {
    return Api.query(
        "select coalesce(string_agg((payload->>'change') || '/' || (payload->>'version') || '/'"
            + " || coalesce(payload->>'language', '-'), ',' order by id), '') from outbox"
            + " where event_type = 'article.changed' and payload->>'article_id' = '"
            + id
            + "'");
  }

  @Test
  void anOperatorCreatesReadsAndReplacesAnArticleAndAnAdminDeletesIt() {
    JsonPath created =
        asOperator("bob")
            .body(
                draft(
                    "  Refund policy  ",
                    "# Refunds\n\nWithin **30 days**.\n",
                    List.of("Billing", " refunds ", "billing"),
                    "EN"))
            .post("/kb/articles")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String id = created.getString("id");
    assertEquals("Refund policy", created.getString("title"), "trimmed");
    assertEquals("# Refunds\n\nWithin **30 days**.", created.getString("body"), "kept as text");
    assertEquals(List.of("billing", "refunds"), created.getList("tags"), "lower case, once each");
    assertEquals("en", created.getString("language"));
    assertEquals("bob", created.getString("created_by"), "the author is the token's name");
    assertEquals("bob", created.getString("updated_by"));
    assertEquals(1, created.getInt("version"));
    assertEquals("created/1/en", events(id));
    // The event, as a future indexer reads it.
    assertEquals(
        "1|" + id + "|1|en",
        Api.query(
            "select (payload->>'schema_version') || '|' || (payload->>'article_id') || '|'"
                + " || (payload->>'version') || '|' || (payload->>'language') from outbox where"
                + " event_type = 'article.changed' and payload->>'article_id' = '"
                + id
                + "' and conversation_id is null"));

    asOperator("carl")
        .get("/kb/articles/" + id)
        .then()
        .statusCode(200)
        .body("title", equalTo("Refund policy"))
        .body("tags[1]", equalTo("refunds"));

    JsonPath replaced =
        asOperator("carl")
            .body(draft("Refund policy", "Within 14 days.", List.of(), null))
            .put("/kb/articles/" + id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("Within 14 days.", replaced.getString("body"));
    assertEquals(List.of(), replaced.getList("tags"), "replaced, not merged");
    assertEquals(null, replaced.getString("language"));
    assertEquals("bob", replaced.getString("created_by"));
    assertEquals("carl", replaced.getString("updated_by"));
    assertEquals(2, replaced.getInt("version"));
    assertEquals("created/1/en,updated/2/-", events(id));

    as(admin()).delete("/kb/articles/" + id).then().statusCode(204);
    assertEquals("created/1/en,updated/2/-,deleted/2/-", events(id));
    asOperator("bob")
        .get("/kb/articles/" + id)
        .then()
        .statusCode(404)
        .body("error", equalTo("article_not_found"));
    as(admin())
        .delete("/kb/articles/" + id)
        .then()
        .statusCode(404)
        .body("error", equalTo("article_not_found"));
    assertEquals("created/1/en,updated/2/-,deleted/2/-", events(id), "nothing more");
  }

  @Test
  void putByIdCreatesThenReplacesAndTheSameValuesAgainChangeNothing() {
    String id = UUID.randomUUID().toString();
    String body = draft("Shipping times", "Two to four days.", List.of("shipping"), "en");
    JsonPath first =
        asOperator("bob")
            .body(body)
            .put("/kb/articles/" + id)
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    assertEquals(id, first.getString("id"), "the id of the path");
    assertEquals(1, first.getInt("version"));
    String before = state();

    JsonPath again =
        asOperator("carl")
            .body(body)
            .put("/kb/articles/" + id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(1, again.getInt("version"), "the same values: no new version");
    assertEquals("bob", again.getString("updated_by"), "nor a new editor");
    assertEquals(before, state(), "nothing stored, no event");
    assertEquals("created/1/en", events(id));
  }

  @Test
  void aStaleVersionIsAConflictAndChangesNothing() {
    String id = create("bob", "Opening hours", "9 to 5.").getString("id");
    asOperator("carl")
        .body(draft("Opening hours", "9 to 6.", null, null).replace("}", ",\"version\":1}"))
        .put("/kb/articles/" + id)
        .then()
        .statusCode(200)
        .body("version", equalTo(2));
    String before = state();
    asOperator("dora")
        .body(draft("Opening hours", "8 to 4.", null, null).replace("}", ",\"version\":1}"))
        .put("/kb/articles/" + id)
        .then()
        .statusCode(409)
        .body("error", equalTo("conflict"))
        .body("field", equalTo("version"));
    // A version for an article that is not there (deleted meanwhile) is a conflict too.
    asOperator("dora")
        .body(draft("Gone", "x", null, null).replace("}", ",\"version\":3}"))
        .put("/kb/articles/" + UUID.randomUUID())
        .then()
        .statusCode(409)
        .body("field", equalTo("version"));
    assertEquals(before, state());
  }

  @Test
  void twoPutsCreatingOneIdAtOnceMakeOneArticle() throws Exception {
    String id = UUID.randomUUID().toString();
    List<Integer> statuses =
        Stream.of("a", "b", "c", "d")
            .parallel()
            .map(
                n ->
                    asOperator("bob")
                        .body(draft("Race " + n, "body " + n, null, null))
                        .put("/kb/articles/" + id)
                        .statusCode())
            .sorted()
            .toList();
    assertEquals(List.of(200, 200, 200, 201), statuses);
    assertEquals("1", Api.query("select count(*) from kb_articles where id = '" + id + "'"));
    assertTrue(events(id).startsWith("created/1/-"), events(id));
    assertEquals(
        Api.query("select version from kb_articles where id = '" + id + "'"),
        Integer.toString(events(id).split(",").length),
        "one event per version: " + events(id));
  }

  @Test
  void theListIsByTitleInAnyCaseFiltersOnTitleAndTagAndPages() {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    String tag = "t-" + marker;
    for (String title :
        List.of("banana " + marker, "Apple " + marker, "cherry " + marker, "100% " + marker)) {
      asOperator("bob")
          .body(draft(title, "x", title.startsWith("c") ? List.of("other") : List.of(tag), null))
          .post("/kb/articles")
          .then()
          .statusCode(201);
    }
    assertEquals(
        List.of("100% " + marker, "Apple " + marker, "banana " + marker, "cherry " + marker),
        asOperator("bob")
            .queryParam("q", marker.toUpperCase(Locale.ROOT))
            .get("/kb/articles")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("title"));
    assertEquals(
        List.of("100% " + marker, "Apple " + marker, "banana " + marker),
        asOperator("bob")
            .queryParam("tag", tag.toUpperCase(Locale.ROOT))
            .get("/kb/articles")
            .jsonPath()
            .getList("title"),
        "the tag in any case");
    assertEquals(
        List.of("Apple " + marker),
        asOperator("bob")
            .queryParam("q", marker)
            .queryParam("tag", tag)
            .queryParam("offset", "1")
            .queryParam("limit", "1")
            .get("/kb/articles")
            .jsonPath()
            .getList("title"),
        "a page");
    // LIKE's own characters match themselves.
    assertEquals(
        List.of("100% " + marker),
        asOperator("bob")
            .queryParam("q", "0% " + marker)
            .get("/kb/articles")
            .jsonPath()
            .getList("title"));
    assertEquals(
        List.of(),
        asOperator("bob")
            .queryParam("q", "_" + marker)
            .get("/kb/articles")
            .jsonPath()
            .getList("title"));
    record Bad(String name, String value) {}
    for (Bad bad :
        List.of(
            new Bad("q", "q".repeat(201)),
            new Bad("tag", "t".repeat(41)),
            new Bad("limit", "0"),
            new Bad("limit", "101"),
            new Bad("offset", "-1"),
            new Bad("offset", "x"))) {
      asOperator("bob")
          .queryParam(bad.name(), bad.value())
          .get("/kb/articles")
          .then()
          .statusCode(400)
          .body("field", equalTo(bad.name()));
    }
  }

  @Test
  void onlyAdminsDelete() {
    String id = create("bob", "Keep me", "kept").getString("id");
    String before = state();
    asOperator("bob")
        .delete("/kb/articles/" + id)
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));
    assertEquals(before, state());
  }

  @Test
  void onlyPeopleUseTheKnowledgeBaseAndTheIndexerReadsOneArticle() {
    String id = create("bob", "Mine", "x").getString("id");
    String before = state();
    List<String> others =
        List.of(
            Api.MESSAGING.serviceToken(),
            Api.MESSAGING.aiFunctionToken("ai-function-it"),
            Api.MESSAGING.token("eve", "customer"));
    for (int i = 0; i < others.size(); i++) {
      String token = others.get(i);
      as(token).get("/kb/articles").then().statusCode(403);
      // The AI functions' indexer reads the one article it cuts into passages; nobody else here.
      boolean indexer = i == 1;
      as(token).get("/kb/articles/" + id).then().statusCode(indexer ? 200 : 403);
      as(token).body(draft("t", "b", null, null)).post("/kb/articles").then().statusCode(403);
      as(token).body(draft("t", "b", null, null)).put("/kb/articles/" + id).then().statusCode(403);
      as(token).delete("/kb/articles/" + id).then().statusCode(403);
    }
    io.restassured.RestAssured.given()
        .baseUri(Api.MESSAGING.server().baseUrl())
        .get("/kb/articles")
        .then()
        .statusCode(401);
    assertEquals(before, state());
  }

  static Stream<Arguments> badDrafts() {
    return Stream.of(
        Arguments.of("no title", "{\"body\":\"b\"}", "title"),
        Arguments.of("no body", "{\"title\":\"t\"}", "body"),
        Arguments.of("title null", "{\"title\":null,\"body\":\"b\"}", "title"),
        Arguments.of("empty title", draft("  ", "b", null, null), "title"),
        Arguments.of("title of 201", draft("t".repeat(201), "b", null, null), "title"),
        Arguments.of("title on two lines", draft("a\nb", "b", null, null), "title"),
        Arguments.of("empty body", draft("t", " \n ", null, null), "body"),
        Arguments.of("body of 50,001", draft("t", "b".repeat(50_001), null, null), "body"),
        Arguments.of("body of 50,001 emoji", draft("t", "😀".repeat(50_001), null, null), "body"),
        Arguments.of("NUL in the body", draft("t", "a\u0000b", null, null), "body"),
        Arguments.of("21 tags", draft("t", "b", tags(21), null), "tags"),
        Arguments.of("a tag of 41", draft("t", "b", List.of("x".repeat(41)), null), "tags"),
        Arguments.of("an empty tag", draft("t", "b", List.of(" "), null), "tags"),
        Arguments.of("a tag on two lines", draft("t", "b", List.of("a\nb"), null), "tags"),
        Arguments.of("tags a string", "{\"title\":\"t\",\"body\":\"b\",\"tags\":\"x\"}", "tags"),
        Arguments.of("a tag a number", "{\"title\":\"t\",\"body\":\"b\",\"tags\":[1]}", "tags"),
        Arguments.of("a null tag", "{\"title\":\"t\",\"body\":\"b\",\"tags\":[null]}", "tags"),
        Arguments.of("language of 3", draft("t", "b", null, "eng"), "language"),
        Arguments.of("language unknown", draft("t", "b", null, "xx"), "language"),
        Arguments.of("language empty", draft("t", "b", null, ""), "language"),
        Arguments.of("language a tag", draft("t", "b", null, "en-US"), "language"),
        Arguments.of(
            "a version on POST", "{\"title\":\"t\",\"body\":\"b\",\"version\":1}", "version"),
        Arguments.of("title a number", "{\"title\":5,\"body\":\"b\"}", "title"),
        Arguments.of(
            "an author smuggled in",
            "{\"title\":\"t\",\"body\":\"b\",\"created_by\":\"boss\"}",
            "created_by"),
        Arguments.of("an id in the body", "{\"title\":\"t\",\"body\":\"b\",\"id\":\"x\"}", "id"),
        Arguments.of("malformed JSON", "{\"title\":", null),
        Arguments.of("an array", "[]", null));
  }

  private static List<String> tags(int n) {
    return Stream.iterate(1, i -> i + 1).limit(n).map(i -> "tag" + i).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDrafts")
  void aBadDraftIsA400NamingTheFieldAndStoresNothing(String name, String body, String field) {
    String before = state();
    Response answer = asOperator("bob").body(body).post("/kb/articles");
    answer.then().statusCode(400).contentType(io.restassured.http.ContentType.JSON);
    assertEquals(field, answer.jsonPath().getString("field"), name);
    if (!"version".equals(field)) {
      Response put = asOperator("bob").body(body).put("/kb/articles/" + UUID.randomUUID());
      put.then().statusCode(400);
      assertEquals(field, put.jsonPath().getString("field"), name + " (PUT)");
    }
    assertEquals(before, state(), name);
  }

  @Test
  void aBadPutChangesNothing() {
    String id = create("bob", "Stable", "unchanged").getString("id");
    String before = state();
    asOperator("carl")
        .body(draft("New title", "", null, null))
        .put("/kb/articles/" + id)
        .then()
        .statusCode(400)
        .body("field", equalTo("body"));
    asOperator("carl")
        .body("{\"title\":\"t\",\"body\":\"b\",\"version\":0}")
        .put("/kb/articles/" + id)
        .then()
        .statusCode(400)
        .body("field", equalTo("version"));
    asOperator("carl")
        .body(draft("t", "b", null, null))
        .put("/kb/articles/not-a-uuid")
        .then()
        .statusCode(400)
        .body("field", equalTo("id"));
    assertEquals(before, state());
  }
}
