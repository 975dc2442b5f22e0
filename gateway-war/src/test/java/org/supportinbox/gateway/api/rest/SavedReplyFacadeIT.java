package org.supportinbox.gateway.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.GATEWAY;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.adminToken;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.api;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.login;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.TestDatabase;

/**
 * {@code /saved-replies} through the gateway to the real messaging: the operator's own token goes
 * along, so the author is the operator's display name from the login, messaging's answers and
 * errors come back as they are, only admins delete (the gateway and messaging both check), and a
 * deletion is an audit entry once messaging deleted the reply.
 */
class SavedReplyFacadeIT {

  private static String operator;

  private static RequestSpecification as(String token) {
    return api().header("Authorization", "Bearer " + token);
  }

  @BeforeAll
  static void anOperator() {
    String name = "sr-" + UUID.randomUUID().toString().substring(0, 8);
    as(adminToken())
        .body(
            "{\"username\":\""
                + name
                + "\",\"display_name\":\"Sam Saver\",\"password\":\"fifteen chars ok\"}")
        .post("/operators")
        .then()
        .statusCode(201);
    operator = login(name, "fifteen chars ok").then().extract().path("access_token");
  }

  private static String shortcut() {
    return "gw-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static JsonPath create(String token, String title, String shortcut) {
    return as(token)
        .body(
            "{\"title\":\""
                + title
                + "\",\"shortcut\":\""
                + shortcut
                + "\",\"body\":\"Hi {{customer.name}}\"}")
        .post("/saved-replies")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  /** The audit entries of a subject: action, actor, detail. */
  private static List<List<String>> audit(String subject) throws Exception {
    TestDatabase db = GATEWAY.database;
    try (Connection c = db.connect();
        PreparedStatement s =
            c.prepareStatement(
                "select action, actor, detail from audit_log where subject = ? order by id")) {
      s.setString(1, subject);
      List<List<String>> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(List.of(r.getString(1), r.getString(2), r.getString(3)));
        }
      }
      return rows;
    }
  }

  @Test
  void anOperatorWritesTheLibraryUnderTheNameOfItsToken() {
    String shortcut = shortcut();
    JsonPath created = create(operator, "Where is my parcel", shortcut);
    assertEquals("Sam Saver", created.getString("created_by"));
    String id = created.getString("id");

    as(operator)
        .queryParam("q", shortcut.toUpperCase(java.util.Locale.ROOT))
        .get("/saved-replies")
        .then()
        .statusCode(200)
        .body("size()", equalTo(1))
        .body("[0].id", equalTo(id));
    as(adminToken())
        .body("{\"title\":\"Where is my parcel?\"}")
        .patch("/saved-replies/" + id)
        .then()
        .statusCode(200)
        .body("title", equalTo("Where is my parcel?"))
        .body("created_by", equalTo("Sam Saver"))
        .body("updated_by", equalTo("admin"));

    // Messaging's refusals come back as they are, naming the field.
    as(operator)
        .body(
            "{\"title\":\"t\",\"shortcut\":\""
                + shortcut()
                + "\",\"body\":\"b\",\"created_by\":\"x\"}")
        .post("/saved-replies")
        .then()
        .statusCode(400)
        .body("error", equalTo("unknown_field"))
        .body("field", equalTo("created_by"));
    as(operator)
        .body("{\"title\":\"t\",\"shortcut\":\"" + shortcut + "\",\"body\":\"b\"}")
        .post("/saved-replies")
        .then()
        .statusCode(409)
        .body("error", equalTo("conflict"))
        .body("field", equalTo("shortcut"));
    as(operator)
        .body("{\"title\":\"\"}")
        .patch("/saved-replies/" + id)
        .then()
        .statusCode(400)
        .body("field", equalTo("title"));
  }

  @Test
  void onlyAnAdminDeletesAndTheDeletionIsAudited() throws Exception {
    String id = create(operator, "Refund approved", shortcut()).getString("id");

    as(operator)
        .delete("/saved-replies/" + id)
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));
    as(operator).get("/saved-replies").then().body("id", hasItem(id));
    assertEquals(List.of(), audit(id));

    as(adminToken()).delete("/saved-replies/" + id).then().statusCode(204);
    List<List<String>> entries = audit(id);
    assertEquals(1, entries.size(), entries.toString());
    assertEquals("saved_reply.deleted", entries.get(0).get(0));
    assertEquals("admin", entries.get(0).get(1));
    org.junit.jupiter.api.Assertions.assertTrue(
        entries.get(0).get(2).contains("Refund approved"), entries.toString());

    // Gone: a second deletion is messaging's 404, and no second entry.
    as(adminToken())
        .delete("/saved-replies/" + id)
        .then()
        .statusCode(404)
        .body("error", equalTo("saved_reply_not_found"));
    assertEquals(1, audit(id).size());
  }

  @Test
  void customersAndStrangersReachNothing() {
    String id = create(operator, "Private", shortcut()).getString("id");
    String customer = GATEWAY.token("customer-y", "customer");
    as(customer).get("/saved-replies").then().statusCode(403);
    as(customer).body("{\"title\":\"x\"}").patch("/saved-replies/" + id).then().statusCode(403);
    as(customer).delete("/saved-replies/" + id).then().statusCode(403);
    api().get("/saved-replies").then().statusCode(401);
    api().delete("/saved-replies/" + id).then().statusCode(401);
    as(operator).get("/saved-replies").then().body("id", hasItem(id));
  }
}
