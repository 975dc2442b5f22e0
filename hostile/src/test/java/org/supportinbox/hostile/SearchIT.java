package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /search}: operators only (a customer's token, none, a forged one and the AI functions'
 * key are refused on the gateway and on messaging); what an attacker types as the query is text,
 * never SQL or a broken query (operators' notes are found by operators; customers cannot search at
 * all).
 */
class SearchIT {

  private static final String WORD = "hostilesearchword";

  private static HostileStack stack;
  private static String customer;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
    JsonPath started = stack.startConversation("Search Sue", "my order " + WORD + " is late");
    customer = started.getString("customer_token");
    stack
        .api(stack.operatorToken())
        .body(
            "{\"conversation_id\":\""
                + started.getString("conversation_id")
                + "\",\"content\":\"note about "
                + WORD
                + "\",\"internal\":true}")
        .post("/messages")
        .then()
        .statusCode(201);
  }

  @Test
  void onlyOperatorsAndAdminsSearch() {
    stack.api().queryParam("q", WORD).get("/search").then().statusCode(401);
    stack.api(customer).queryParam("q", WORD).get("/search").then().statusCode(403);
    stack.api("not.a.token").queryParam("q", WORD).get("/search").then().statusCode(401);
    String function = stack.system.messaging.aiFunctionToken("ai-function-hostile");
    stack.api(function).queryParam("q", WORD).get("/search").then().statusCode(401);
    RestAssured.given()
        .baseUri(stack.system.messaging.server().baseUrl())
        .contentType(ContentType.JSON)
        .header("Authorization", "Bearer " + function)
        .queryParam("q", WORD)
        .get("/search")
        .then()
        .statusCode(403);
    stack
        .api(stack.operatorToken())
        .queryParam("q", WORD)
        .get("/search")
        .then()
        .statusCode(200)
        .body("results.size()", equalTo(2));
    stack.api(stack.adminToken()).queryParam("q", WORD).get("/search").then().statusCode(200);
  }

  @Test
  void whatAnAttackerTypesIsText() {
    Map<String, Long> before = stack.rowCounts();
    String operator = stack.operatorToken();
    for (String q :
        List.of(
            "' OR '1'='1",
            "x'); DROP TABLE messages; --",
            "!!(a & | b",
            "a:* & b:*",
            "\"unclosed phrase " + WORD,
            "-" + WORD,
            "or or or",
            "\\u0000 " + WORD,
            "日本語 " + WORD,
            "a".repeat(200))) {
      int status =
          stack.api(operator).queryParam("q", q).get("/search").then().extract().statusCode();
      assertThat(status).as(q).isIn(200, 400);
    }
    stack
        .api(operator)
        .queryParam("q", "' OR '1'='1")
        .get("/search")
        .then()
        .statusCode(200)
        .body("results.customer_name", not(hasItem("Search Sue")));
    stack
        .api(operator)
        .queryParam("q", "q\u0000" + WORD)
        .get("/search")
        .then()
        .statusCode(400)
        .body("field", equalTo("q"));
    assertThat(stack.rowCounts()).isEqualTo(before);
  }
}
