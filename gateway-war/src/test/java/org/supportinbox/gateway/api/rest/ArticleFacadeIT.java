package org.supportinbox.gateway.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
 * {@code /kb/articles} through the gateway to the real messaging: the operator's own token goes
 * along, so the author is the operator's display name from the login; the query parameters and
 * bodies reach messaging as sent and its answers and errors come back as they are; only admins
 * delete (the gateway and messaging both check), a deletion is an audit entry once messaging
 * deleted the article; customers get 403 and callers without a token 401 on every route.
 */
class ArticleFacadeIT {

  private static String operator;

  private static RequestSpecification as(String token) {
    return api().header("Authorization", "Bearer " + token);
  }

  @BeforeAll
  static void anOperator() {
    String name = "kb-" + UUID.randomUUID().toString().substring(0, 8);
    as(adminToken())
        .body(
            "{\"username\":\""
                + name
                + "\",\"display_name\":\"Kim Knows\",\"password\":\"fifteen chars ok\"}")
        .post("/operators")
        .then()
        .statusCode(201);
    operator = login(name, "fifteen chars ok").then().extract().path("access_token");
  }

  private static JsonPath create(String token, String title) {
    return as(token)
        .body("{\"title\":\"" + title + "\",\"body\":\"Body of " + title + "\",\"tags\":[\"gw\"]}")
        .post("/kb/articles")
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
  void anOperatorWritesTheKnowledgeBaseUnderTheNameOfItsToken() {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    JsonPath created = create(operator, "Parcel lost " + marker);
    assertEquals("Kim Knows", created.getString("created_by"));
    String id = created.getString("id");
    create(operator, "Parcel late " + marker);

    as(operator)
        .queryParam("q", "PARCEL LOST " + marker)
        .queryParam("tag", "GW")
        .get("/kb/articles")
        .then()
        .statusCode(200)
        .body("size()", equalTo(1))
        .body("[0].id", equalTo(id));
    as(operator)
        .queryParam("q", marker)
        .queryParam("limit", "1")
        .queryParam("offset", "1")
        .get("/kb/articles")
        .then()
        .statusCode(200)
        .body("title", equalTo(List.of("Parcel lost " + marker)));
    as(operator).get("/kb/articles/" + id).then().statusCode(200).body("version", equalTo(1));

    // PUT by id: replaced by the admin, then created under a client's id.
    as(adminToken())
        .body("{\"title\":\"Parcel lost\",\"body\":\"Refund or resend.\",\"version\":1}")
        .put("/kb/articles/" + id)
        .then()
        .statusCode(200)
        .body("created_by", equalTo("Kim Knows"))
        .body("updated_by", equalTo("admin"))
        .body("version", equalTo(2));
    String chosen = UUID.randomUUID().toString();
    as(operator)
        .body("{\"title\":\"Imported\",\"body\":\"b\",\"language\":\"fr\"}")
        .put("/kb/articles/" + chosen)
        .then()
        .statusCode(201)
        .body("id", equalTo(chosen))
        .body("language", equalTo("fr"));

    // Messaging's refusals come back as they are, naming the field.
    as(operator)
        .body("{\"title\":\"t\",\"body\":\"b\",\"created_by\":\"x\"}")
        .post("/kb/articles")
        .then()
        .statusCode(400)
        .body("error", equalTo("unknown_field"))
        .body("field", equalTo("created_by"));
    as(operator)
        .body("{\"title\":\"t\",\"body\":\"b\",\"version\":1}")
        .put("/kb/articles/" + id)
        .then()
        .statusCode(409)
        .body("error", equalTo("conflict"))
        .body("field", equalTo("version"));
    as(operator)
        .queryParam("limit", "500")
        .get("/kb/articles")
        .then()
        .statusCode(400)
        .body("field", equalTo("limit"));
    as(operator)
        .body("{\"title\":\"t\",\"body\":\"b\"}")
        .put("/kb/articles/not-a-uuid")
        .then()
        .statusCode(400)
        .body("field", equalTo("id"));
  }

  @Test
  void onlyAnAdminDeletesAndTheDeletionIsAudited() throws Exception {
    String id = create(operator, "Refund approved").getString("id");

    as(operator)
        .delete("/kb/articles/" + id)
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));
    as(operator).get("/kb/articles/" + id).then().statusCode(200);
    assertEquals(List.of(), audit(id));

    as(adminToken()).delete("/kb/articles/" + id).then().statusCode(204);
    List<List<String>> entries = audit(id);
    assertEquals(1, entries.size(), entries.toString());
    assertEquals("kb_article.deleted", entries.get(0).get(0));
    assertEquals("admin", entries.get(0).get(1));
    assertTrue(entries.get(0).get(2).contains("Refund approved"), entries.toString());

    as(adminToken())
        .delete("/kb/articles/" + id)
        .then()
        .statusCode(404)
        .body("error", equalTo("article_not_found"));
    assertEquals(1, audit(id).size());
    as(operator).get("/kb/articles").then().body("id", not(hasItem(id)));
  }

  @Test
  void customersGet403AndCallersWithoutATokenGet401OnEveryRoute() {
    String id = create(operator, "Private").getString("id");
    String body = "{\"title\":\"x\",\"body\":\"y\"}";
    String customer = GATEWAY.token("customer-y", "customer");
    as(customer).get("/kb/articles").then().statusCode(403);
    as(customer).get("/kb/articles/" + id).then().statusCode(403);
    as(customer).body(body).post("/kb/articles").then().statusCode(403);
    as(customer).body(body).put("/kb/articles/" + id).then().statusCode(403);
    as(customer).delete("/kb/articles/" + id).then().statusCode(403);
    api().get("/kb/articles").then().statusCode(401);
    api().get("/kb/articles/" + id).then().statusCode(401);
    api().body(body).post("/kb/articles").then().statusCode(401);
    api().body(body).put("/kb/articles/" + id).then().statusCode(401);
    api().delete("/kb/articles/" + id).then().statusCode(401);
    as(operator).get("/kb/articles/" + id).then().statusCode(200).body("title", equalTo("Private"));
  }
}
