package org.supportinbox.gateway.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.adminToken;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.api;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.login;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /audit}: what admin actions and logins write, filters, keyset pages, the role, and
 * strict query parameters. Every test filters by accounts of its own, since the gateway under test
 * (and its audit log) is shared by the whole test JVM.
 */
class AuditResourceIT {

  private static final String PASSWORD = "fifteen chars ok";

  private static RequestSpecification as(String token) {
    return api().header("Authorization", "Bearer " + token);
  }

  /** A new operator account; returns its user name. */
  private static String account(String admin) {
    String name = "au-" + UUID.randomUUID().toString().substring(0, 8);
    as(admin)
        .body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}")
        .post("/operators")
        .then()
        .statusCode(201);
    return name;
  }

  private static void change(String admin, String name, String body) {
    as(admin).body(body).patch("/operators/" + name).then().statusCode(200);
  }

  private static JsonPath audit(String admin, Map<String, String> query) {
    return as(admin).queryParams(query).get("/audit").then().statusCode(200).extract().jsonPath();
  }

  @Test
  void adminActionsAreEntriesNewestFirst() {
    String admin = adminToken();
    String name = account(admin);
    change(admin, name, "{\"role\":\"admin\"}");
    change(admin, name, "{\"disabled\":true}");
    change(admin, name, "{\"disabled\":false}");
    change(admin, name, "{\"password\":\"another fifteen chars\"}");
    change(admin, name, "{\"display_name\":\"Ada Audit\"}");
    // Back to operator: other tests count on "admin" being the only active admin.
    change(admin, name, "{\"role\":\"operator\"}");
    JsonPath page = audit(admin, Map.of("subject", name));
    assertEquals(
        List.of(
            "operator.role_changed",
            "operator.renamed",
            "operator.password_reset",
            "operator.enabled",
            "operator.disabled",
            "operator.role_changed",
            "operator.created"),
        page.getList("entries.action"));
    assertEquals(List.of("admin"), page.getList("entries.actor").stream().distinct().toList());
    assertNull(page.get("next_cursor"));
    Map<String, Object> roleChange = page.getMap("entries[5]");
    assertEquals(
        Set.of("id", "at", "actor", "action", "subject", "client", "detail"), roleChange.keySet());
    assertEquals(name, roleChange.get("subject"));
    assertEquals("role operator -> admin; tokens issued before ended", roleChange.get("detail"));
    assertNull(roleChange.get("client"));
  }

  @Test
  void failedLoginsOfAccountsAreEntriesWithTheClientAddress() {
    String admin = adminToken();
    String name = account(admin);
    login(name, "not the password at all").then().statusCode(401);
    change(admin, name, "{\"disabled\":true}");
    login(name, PASSWORD).then().statusCode(401);
    JsonPath page = audit(admin, Map.of("subject", name, "action", "login.failed"));
    assertEquals(2, page.getList("entries").size(), page.prettify());
    assertEquals("127.0.0.1", page.getString("entries[0].client"));
    assertNull(page.get("entries[0].actor"));
    assertTrue(page.getString("entries[0].detail").startsWith("account disabled"));
    assertTrue(page.getString("entries[1].detail").startsWith("wrong password"));
    // An unknown name is not written (often a password typed into the wrong field).
    String unknown = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
    login(unknown, "not the password at all").then().statusCode(401);
    assertEquals(List.of(), audit(admin, Map.of("subject", unknown)).getList("entries"));
  }

  @Test
  void pagesFollowTheCursorWithoutGapsOrRepeats() {
    String admin = adminToken();
    String name = account(admin);
    for (int i = 0; i < 6; i++) {
      change(admin, name, "{\"display_name\":\"Name " + i + "\"}");
    }
    List<Object> all = audit(admin, Map.of("subject", name)).getList("entries.id");
    assertEquals(7, all.size());
    List<Object> paged = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Map<String, String> query = new java.util.HashMap<>(Map.of("subject", name, "limit", "3"));
      if (cursor != null) {
        query.put("cursor", cursor);
      }
      JsonPath page = audit(admin, query);
      paged.addAll(page.getList("entries.id"));
      cursor = page.getString("next_cursor");
      pages++;
    } while (cursor != null);
    assertEquals(all, paged);
    assertEquals(3, pages); // 3 + 3 + 1
    assertEquals(paged.size(), new HashSet<>(paged).size());
  }

  @Test
  void filtersNarrowByActionActorAndTime() {
    String admin = adminToken();
    String name = account(admin);
    change(admin, name, "{\"role\":\"admin\"}");
    change(admin, name, "{\"role\":\"operator\"}");
    List<String> times = audit(admin, Map.of("subject", name)).getList("entries.at");
    // Newest first: [role back to operator, role to admin, created].
    assertEquals(3, times.size());
    assertEquals(
        List.of("operator.role_changed", "operator.role_changed"),
        audit(admin, Map.of("subject", name, "action", "operator.role_changed"))
            .getList("entries.action"));
    assertEquals(
        3,
        audit(admin, Map.of("subject", name.toUpperCase(), "actor", "ADMIN"))
            .getList("entries")
            .size());
    assertEquals(
        List.of(),
        audit(admin, Map.of("subject", name, "actor", "someone-else")).getList("entries"));
    // from is inclusive, to exclusive: [created, second change) holds the first two entries.
    JsonPath between =
        audit(admin, Map.of("subject", name, "from", times.get(2), "to", times.get(0)));
    assertEquals(
        List.of("operator.role_changed", "operator.created"), between.getList("entries.action"));
    assertEquals(
        "role operator -> admin; tokens issued before ended",
        between.getString("entries[0].detail"));
    assertEquals(
        1, audit(admin, Map.of("subject", name, "from", times.get(0))).getList("entries").size());
  }

  @Test
  void onlyAdminsReadIt() {
    String admin = adminToken();
    String name = account(admin);
    String operator = login(name, PASSWORD).then().statusCode(200).extract().path("access_token");
    as(operator).get("/audit").then().statusCode(403).body("error", equalTo("forbidden"));
    api().get("/audit").then().statusCode(401).body("error", equalTo("unauthorized"));
    as(admin).get("/audit?limit=1").then().statusCode(200).body("entries.size()", equalTo(1));
  }

  @Test
  void badParametersAre400NamingThem() {
    String admin = adminToken();
    Map<String, String> bad =
        Map.ofEntries(
            Map.entry("limit=0", "limit"),
            Map.entry("limit=201", "limit"),
            Map.entry("limit=ten", "limit"),
            Map.entry("from=yesterday", "from"),
            Map.entry("to=2026-01-01", "to"),
            Map.entry("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to"),
            Map.entry("cursor=not-a-cursor", "cursor"),
            Map.entry("action=DROP%20TABLE", "action"),
            Map.entry("action=operator", "action"),
            Map.entry("actor=a%0Ab", "actor"),
            Map.entry("subject=" + "x".repeat(201), "subject"),
            Map.entry("acter=admin", "acter"),
            Map.entry("limit=1&limit=2", "limit"));
    bad.forEach(
        (query, field) ->
            as(admin)
                .urlEncodingEnabled(false) // the query is sent as written, escapes included
                .get("/audit?" + query)
                .then()
                .statusCode(400)
                .body("field", equalTo(field))
                .body("detail", org.hamcrest.Matchers.notNullValue()));
    // Empty values count as absent, as a form sends them.
    as(admin)
        .get("/audit?action=&actor=&subject=&from=&to=&cursor=&limit=2")
        .then()
        .statusCode(200)
        .body("entries.size()", equalTo(2))
        .body("next_cursor", org.hamcrest.Matchers.not(nullValue()));
  }
}
