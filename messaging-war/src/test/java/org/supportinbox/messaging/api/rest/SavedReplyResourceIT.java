package org.supportinbox.messaging.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.supportinbox.messaging.api.rest.Api.as;
import static org.supportinbox.messaging.api.rest.Api.asOperator;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.json.Json;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /saved-replies}: the team's library, written by operators, deleted by admins only, the
 * author from the token, every rule a 400 (or 409 for a taken shortcut) naming the field, and a
 * refused request storing nothing.
 */
class SavedReplyResourceIT {

  private static String admin() {
    return Api.MESSAGING.token("ada-admin", "admin");
  }

  /** A shortcut no other test uses. */
  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String draft(String title, String shortcut, String body) {
    return Json.createObjectBuilder()
        .add("title", title)
        .add("shortcut", shortcut)
        .add("body", body)
        .build()
        .toString();
  }

  private static JsonPath create(String operator, String title, String shortcut, String body) {
    return asOperator(operator)
        .body(draft(title, shortcut, body))
        .post("/saved-replies")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  /** The library's rows, in full, so that "nothing stored" also covers a refused change. */
  private static String table() {
    return Api.query(
        "select coalesce(string_agg(id || '|' || title || '|' || shortcut || '|' || body || '|'"
            + " || updated_by || '|' || updated_at, ';' order by id), '') from saved_replies");
  }

  @Test
  void anOperatorCreatesReadsAndChangesAReplyAndAnAdminDeletesIt() {
    String shortcut = unique("refund");
    JsonPath created =
        create(
            "bob",
            "  Refund on its way  ",
            shortcut,
            "Hi {{customer.name}},\nyour refund is on its way.\n{{operator.name}}\n");
    String id = created.getString("id");
    assertEquals("Refund on its way", created.getString("title"), "trimmed");
    assertEquals(shortcut, created.getString("shortcut"));
    assertEquals(
        "Hi {{customer.name}},\nyour refund is on its way.\n{{operator.name}}",
        created.getString("body"),
        "trimmed, lines and placeholders kept");
    assertEquals("bob", created.getString("created_by"), "the author is the token's name");
    assertEquals("bob", created.getString("updated_by"));
    assertEquals(created.getString("created_at"), created.getString("updated_at"));

    asOperator("carl")
        .get("/saved-replies/" + id)
        .then()
        .statusCode(200)
        .body("title", equalTo("Refund on its way"));
    asOperator("carl")
        .get("/saved-replies")
        .then()
        .statusCode(200)
        .body("shortcut", hasItem(shortcut));

    String renamed = unique("refund-sent");
    JsonPath changed =
        asOperator("carl")
            .body("{\"title\":\"Refund sent\",\"shortcut\":\"" + renamed + "\"}")
            .patch("/saved-replies/" + id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("Refund sent", changed.getString("title"));
    assertEquals(renamed, changed.getString("shortcut"));
    assertEquals(created.getString("body"), changed.getString("body"), "left out: kept");
    assertEquals("bob", changed.getString("created_by"));
    assertEquals("carl", changed.getString("updated_by"), "the editor is the token's name");
    assertEquals(created.getString("created_at"), changed.getString("created_at"));
    assertEquals(
        "1",
        Api.query(
            "select count(*) from saved_replies where id = '"
                + id
                + "' and updated_at > created_at"));

    as(admin()).delete("/saved-replies/" + id).then().statusCode(204);
    asOperator("bob")
        .get("/saved-replies/" + id)
        .then()
        .statusCode(404)
        .body("error", equalTo("saved_reply_not_found"));
    as(admin())
        .delete("/saved-replies/" + id)
        .then()
        .statusCode(404)
        .body("error", equalTo("saved_reply_not_found"));
    asOperator("bob").get("/saved-replies").then().body("shortcut", not(hasItem(renamed)));
  }

  @Test
  void theListIsByTitleInAnyCaseAndFiltersOnTitleOrShortcut() {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    create("bob", "banana " + marker, unique("zz"), "b");
    create("bob", "Apple " + marker, unique("yy"), "a");
    create("bob", "cherry", "x_" + marker, "c");
    create("bob", "100% " + marker + " off", unique("ww"), "d");

    assertEquals(
        List.of("100% " + marker + " off", "Apple " + marker, "banana " + marker, "cherry"),
        asOperator("bob")
            .queryParam("q", marker.toUpperCase(java.util.Locale.ROOT))
            .get("/saved-replies")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("title"),
        "by title in any case; the shortcut matches too");
    assertEquals(
        List.of("cherry"),
        asOperator("bob")
            .queryParam("q", "x_" + marker)
            .get("/saved-replies")
            .jsonPath()
            .getList("title"));
    // LIKE's own characters match themselves: '_' is not "any character", '%' not "anything".
    assertEquals(
        List.of(),
        asOperator("bob")
            .queryParam("q", "x%" + marker)
            .get("/saved-replies")
            .jsonPath()
            .getList("title"));
    assertEquals(
        List.of("100% " + marker + " off"),
        asOperator("bob")
            .queryParam("q", "0% " + marker)
            .get("/saved-replies")
            .jsonPath()
            .getList("title"));
    asOperator("bob")
        .queryParam("q", "q".repeat(101))
        .get("/saved-replies")
        .then()
        .statusCode(400)
        .body("field", equalTo("q"));
  }

  @Test
  void aTakenShortcutIsAConflictNamingItAndStoresNothing() {
    String shortcut = unique("hello");
    String id = create("bob", "Hello", shortcut, "Hello!").getString("id");
    String other = create("bob", "Bye", unique("bye"), "Bye!").getString("id");
    String before = table();

    asOperator("carl")
        .body(draft("Hello again", shortcut, "Hi"))
        .post("/saved-replies")
        .then()
        .statusCode(409)
        .body("error", equalTo("conflict"))
        .body("field", equalTo("shortcut"))
        .body("detail", notNullValue());
    asOperator("carl")
        .body("{\"title\":\"Renamed\",\"shortcut\":\"" + shortcut + "\"}")
        .patch("/saved-replies/" + other)
        .then()
        .statusCode(409)
        .body("field", equalTo("shortcut"));
    assertEquals(before, table(), "nothing stored, the other reply's title unchanged too");

    // Its own shortcut again is no conflict.
    asOperator("carl")
        .body("{\"shortcut\":\"" + shortcut + "\"}")
        .patch("/saved-replies/" + id)
        .then()
        .statusCode(200);
  }

  @Test
  void onlyAdminsDelete() {
    String id = create("bob", "Keep me", unique("keep"), "kept").getString("id");
    String before = table();
    asOperator("bob")
        .delete("/saved-replies/" + id)
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));
    assertEquals(before, table());
  }

  @Test
  void onlyPeopleUseTheLibrary() {
    String id = create("bob", "Mine", unique("mine"), "x").getString("id");
    String before = table();
    List<String> others =
        List.of(
            Api.MESSAGING.serviceToken(),
            Api.MESSAGING.aiFunctionToken("ai-function-it"),
            Api.MESSAGING.token("eve", "customer"));
    for (String token : others) {
      as(token).get("/saved-replies").then().statusCode(403);
      as(token).get("/saved-replies/" + id).then().statusCode(403);
      as(token).body(draft("t", unique("s"), "b")).post("/saved-replies").then().statusCode(403);
      as(token).body("{\"title\":\"x\"}").patch("/saved-replies/" + id).then().statusCode(403);
      as(token).delete("/saved-replies/" + id).then().statusCode(403);
    }
    io.restassured.RestAssured.given()
        .baseUri(Api.MESSAGING.server().baseUrl())
        .get("/saved-replies")
        .then()
        .statusCode(401);
    assertEquals(before, table());
  }

  static Stream<Arguments> badDrafts() {
    String ok = "ok-" + UUID.randomUUID().toString().substring(0, 8);
    return Stream.of(
        Arguments.of("no title", "{\"shortcut\":\"" + ok + "\",\"body\":\"b\"}", "title"),
        Arguments.of("title null", "{\"title\":null,\"shortcut\":\"a\",\"body\":\"b\"}", "title"),
        Arguments.of("no shortcut", "{\"title\":\"t\",\"body\":\"b\"}", "shortcut"),
        Arguments.of("no body", "{\"title\":\"t\",\"shortcut\":\"" + ok + "\"}", "body"),
        Arguments.of("empty title", draft("  ", ok, "b"), "title"),
        Arguments.of("title of 101", draft("t".repeat(101), ok, "b"), "title"),
        Arguments.of("title on two lines", draft("a\nb", ok, "b"), "title"),
        Arguments.of("empty shortcut", draft("t", "", "b"), "shortcut"),
        Arguments.of("shortcut of 33", draft("t", "s".repeat(33), "b"), "shortcut"),
        Arguments.of("shortcut in upper case", draft("t", "Refund", "b"), "shortcut"),
        Arguments.of("shortcut with a space", draft("t", "my reply", "b"), "shortcut"),
        Arguments.of("shortcut with a slash", draft("t", "/refund", "b"), "shortcut"),
        Arguments.of("shortcut in SQL", draft("t", "a'; drop table x;--", "b"), "shortcut"),
        Arguments.of("shortcut with accents", draft("t", "réponse", "b"), "shortcut"),
        Arguments.of("empty body", draft("t", ok, " \n "), "body"),
        Arguments.of("body of 5001", draft("t", ok, "b".repeat(5_001)), "body"),
        Arguments.of("body of 5001 emoji", draft("t", ok, "😀".repeat(5_001)), "body"),
        Arguments.of("NUL in the body", draft("t", ok, "a\u0000b"), "body"),
        Arguments.of(
            "title a number", "{\"title\":5,\"shortcut\":\"" + ok + "\",\"body\":\"b\"}", "title"),
        Arguments.of(
            "an author smuggled in",
            "{\"title\":\"t\",\"shortcut\":\"" + ok + "\",\"body\":\"b\",\"created_by\":\"boss\"}",
            "created_by"),
        Arguments.of("malformed JSON", "{\"title\":", null),
        Arguments.of("an array", "[]", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDrafts")
  void aBadDraftIsA400NamingTheFieldAndStoresNothing(String name, String body, String field) {
    String before = table();
    Response answer = asOperator("bob").body(body).post("/saved-replies");
    answer.then().statusCode(400).contentType(io.restassured.http.ContentType.JSON);
    assertEquals(field, answer.jsonPath().getString("field"), name);
    assertEquals(before, table(), name);
  }

  @Test
  void aBadChangeIsA400NamingTheFieldAndChangesNothing() {
    String id = create("bob", "Stable", unique("stable"), "unchanged").getString("id");
    String before = table();
    record Bad(String body, String field) {}
    for (Bad bad :
        List.of(
            new Bad("{}", null),
            new Bad("{\"title\":null}", "title"),
            new Bad("{\"shortcut\":null}", "shortcut"),
            new Bad("{\"body\":null}", "body"),
            new Bad("{\"title\":\"\"}", "title"),
            new Bad("{\"shortcut\":\"UPPER\"}", "shortcut"),
            new Bad("{\"body\":\"" + "b".repeat(5_001) + "\"}", "body"),
            // A valid title with a bad body: nothing of it is kept either.
            new Bad("{\"title\":\"New title\",\"body\":\"\"}", "body"),
            new Bad("{\"title\":\"t\",\"updated_by\":\"boss\"}", "updated_by"))) {
      Response answer = asOperator("carl").body(bad.body()).patch("/saved-replies/" + id);
      answer.then().statusCode(400);
      assertEquals(bad.field(), answer.jsonPath().getString("field"), bad.body());
    }
    asOperator("carl")
        .body("{\"title\":\"x\"}")
        .patch("/saved-replies/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("error", equalTo("saved_reply_not_found"));
    asOperator("carl")
        .body("{\"title\":\"x\"}")
        .patch("/saved-replies/not-a-uuid")
        .then()
        .statusCode(400)
        .body("field", equalTo("id"));
    assertEquals(before, table());
  }
}
