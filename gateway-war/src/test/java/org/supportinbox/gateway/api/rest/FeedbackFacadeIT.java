package org.supportinbox.gateway.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.GATEWAY;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.adminToken;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.api;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.login;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /messages/{id}/feedback} and {@code GET /ai-quality} through the gateway to the real
 * messaging: the caller's own token goes along, so the operator recorded is the one who logged in;
 * operators and admins record, only admins read the figures and review intent corrections ({@code
 * PUT /ai-quality/corrections/{id}}), customers get 403 and no token 401; messaging's refusals come
 * back as they are.
 */
class FeedbackFacadeIT {

  private static String operator;
  private static String operatorName;
  private static String customer;
  private static String message;

  private static RequestSpecification as(String token) {
    return api().header("Authorization", "Bearer " + token);
  }

  @BeforeAll
  static void aMessageWithAnInsight() {
    operatorName = "fb-" + UUID.randomUUID().toString().substring(0, 8);
    as(adminToken())
        .body(
            "{\"username\":\""
                + operatorName
                + "\",\"display_name\":\"Fay Feedback\",\"password\":\"fifteen chars ok\"}")
        .post("/operators")
        .then()
        .statusCode(201);
    operator = login(operatorName, "fifteen chars ok").then().extract().path("access_token");
    JsonPath started =
        api()
            .body("{\"name\":\"Fred\",\"content\":\"I was charged twice\"}")
            .post("/customer/conversations")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    customer = started.getString("customer_token");
    message = started.getString("message.id");
    RestAssured.given()
        .baseUri(GATEWAY.messaging.server().baseUrl())
        .contentType(ContentType.JSON)
        .header("Authorization", "Bearer " + GATEWAY.messaging.aiFunctionToken("fb-it"))
        .body(
            "{\"message_id\":\""
                + message
                + "\",\"conversation_id\":\""
                + started.getString("conversation_id")
                + "\",\"status\":\"available\",\"intent\":\"billing\",\"summary\":\"s\","
                + "\"suggested_reply\":\"Sorry, I have refunded the second charge.\","
                + "\"sentiment\":\"negative\",\"urgency\":\"normal\",\"model\":\"phi3:mini\","
                + "\"attempts\":1}")
        .post("/ai-insights")
        .then()
        .statusCode(200);
  }

  @Test
  void operatorsRecordUnderTheirOwnName() {
    as(operator)
        .body("{\"action\":\"edited\",\"edit_ratio\":0.3}")
        .post("/messages/" + message + "/feedback")
        .then()
        .statusCode(200)
        .body("operator", equalTo(operatorName))
        .body("action", equalTo("edited"))
        .body("model", equalTo("phi3:mini"))
        .body("intent", equalTo("billing"));
    as(adminToken())
        .body("{\"action\":\"correct_urgency\",\"value\":\"high\"}")
        .post("/messages/" + message + "/feedback")
        .then()
        .statusCode(200)
        .body("operator", equalTo(org.supportinbox.testing.GatewayUnderTest.ADMIN))
        .body("value", equalTo("high"));

    // Messaging's refusals, as they are.
    as(operator)
        .body("{\"action\":\"edited\",\"edit_ratio\":2}")
        .post("/messages/" + message + "/feedback")
        .then()
        .statusCode(400)
        .body("field", equalTo("edit_ratio"));
    as(operator)
        .body("{\"action\":\"dismissed\",\"operator\":\"someone-else\"}")
        .post("/messages/" + message + "/feedback")
        .then()
        .statusCode(400)
        .body("error", equalTo("unknown_field"))
        .body("field", equalTo("operator"));
    as(operator)
        .body("{\"action\":\"dismissed\"}")
        .post("/messages/" + UUID.randomUUID() + "/feedback")
        .then()
        .statusCode(404);
  }

  @Test
  void customersAndStrangersCannotRecord() {
    as(customer)
        .body("{\"action\":\"dismissed\"}")
        .post("/messages/" + message + "/feedback")
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));
    api()
        .body("{\"action\":\"dismissed\"}")
        .post("/messages/" + message + "/feedback")
        .then()
        .statusCode(401)
        .body("error", equalTo("unauthorized"));
  }

  @Test
  void onlyAdminsReadTheFigures() {
    as(operator)
        .body("{\"action\":\"correct_intent\",\"value\":\"refund\"}")
        .post("/messages/" + message + "/feedback")
        .then()
        .statusCode(200);
    as(adminToken())
        .get("/ai-quality")
        .then()
        .statusCode(200)
        .body("overall.key", equalTo("all"))
        .body(
            "corrections.find { it.message_id == '" + message + "' && it.kind == 'intent' }.to",
            equalTo("refund"));
    as(adminToken())
        .queryParam("from", "2026-02-01T00:00:00Z")
        .queryParam("to", "2026-01-01T00:00:00Z")
        .get("/ai-quality")
        .then()
        .statusCode(400)
        .body("field", equalTo("to"));
    as(operator).get("/ai-quality").then().statusCode(403).body("error", equalTo("forbidden"));
    as(customer).get("/ai-quality").then().statusCode(403);
    api().get("/ai-quality").then().statusCode(401);
  }

  /** The admin's review of an intent correction goes to messaging with the admin's own token. */
  @Test
  void onlyAdminsReviewACorrection() {
    as(operator)
        .body("{\"action\":\"correct_intent\",\"value\":\"complaint\"}")
        .post("/messages/" + message + "/feedback")
        .then()
        .statusCode(200);
    String approve = "{\"intent\":\"complaint\",\"status\":\"approved\"}";
    as(operator)
        .body(approve)
        .put("/ai-quality/corrections/" + message)
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));
    as(customer).body(approve).put("/ai-quality/corrections/" + message).then().statusCode(403);
    api().body(approve).put("/ai-quality/corrections/" + message).then().statusCode(401);
    as(adminToken())
        .body(approve)
        .put("/ai-quality/corrections/" + message)
        .then()
        .statusCode(200)
        .body("intent", equalTo("complaint"))
        .body("status", equalTo("approved"))
        .body("text", equalTo("I was charged twice"))
        .body("reviewed_by", equalTo(org.supportinbox.testing.GatewayUnderTest.ADMIN));
    // Messaging's refusals, as they are.
    as(adminToken())
        .body("{\"intent\":\"greeting\",\"status\":\"approved\"}")
        .put("/ai-quality/corrections/" + message)
        .then()
        .statusCode(400)
        .body("error", equalTo("no_such_correction"))
        .body("field", equalTo("intent"));
    as(adminToken())
        .body(approve)
        .put("/ai-quality/corrections/" + UUID.randomUUID())
        .then()
        .statusCode(404);
    // The examples feed is messaging's, for the AI functions: not a gateway route.
    as(adminToken()).get("/ai/examples").then().statusCode(404);
  }
}
