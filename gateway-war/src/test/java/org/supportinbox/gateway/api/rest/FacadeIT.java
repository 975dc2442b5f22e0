package org.supportinbox.gateway.api.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.GATEWAY;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.adminToken;
import static org.supportinbox.gateway.api.rest.LoginResourceIT.api;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.GatewayUnderTest;

/** The REST façade and the customer channel, through the gateway to the real messaging. */
class FacadeIT {

  private static RequestSpecification as(String token) {
    return api().header("Authorization", "Bearer " + token);
  }

  private static JsonPath startConversation(String name, String content) {
    return api()
        .body(
            "{\"name\":\""
                + name
                + "\",\"email\":\"c@example.com\",\"content\":\""
                + content
                + "\"}")
        .post("/customer/conversations")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  @Test
  void aCustomerStartsAConversationAndOperatorsSeeAndAnswerIt() {
    JsonPath started = startConversation("Dana", "My parcel never arrived");
    String conversation = started.getString("conversation_id");
    String customer = started.getString("customer_token");
    org.junit.jupiter.api.Assertions.assertNotNull(customer);
    org.junit.jupiter.api.Assertions.assertEquals(
        "My parcel never arrived", started.getString("message.content"));
    org.junit.jupiter.api.Assertions.assertFalse(started.getMap("message").containsKey("ai"));

    String admin = adminToken();
    as(admin)
        .queryParam("limit", 100)
        .get("/conversations")
        .then()
        .statusCode(200)
        .body("items.conversation_id", hasItem(conversation));
    as(admin)
        .get("/conversations/" + conversation)
        .then()
        .statusCode(200)
        .body("customer.name", equalTo("Dana"))
        .body("messages[0].ai.status", equalTo("processing"));

    // The reply's sender comes from the token; a sender in the body is refused.
    as(admin)
        .body(
            "{\"conversation_id\":\""
                + conversation
                + "\",\"content\":\"Sorry! Checking now.\",\"client_message_id\":\"r1\"}")
        .post("/messages")
        .then()
        .statusCode(201)
        .body("sender", equalTo("operator"))
        .body("sender_name", equalTo("admin"));
    as(admin)
        .body(
            "{\"conversation_id\":\""
                + conversation
                + "\",\"content\":\"x\",\"sender\":\"customer\"}")
        .post("/messages")
        .then()
        .statusCode(400)
        .body("field", equalTo("sender"));
    as(admin)
        .body("{\"status\":\"pending\",\"assignee\":\"admin\"}")
        .patch("/conversations/" + conversation)
        .then()
        .statusCode(200)
        .body("assignee", equalTo("admin"));

    // The customer sees both messages, without AI or internal fields, and can write again.
    as(customer)
        .body("{\"content\":\"Thanks\",\"client_message_id\":\"c2\"}")
        .post("/customer/messages")
        .then()
        .statusCode(201)
        .body("sender", equalTo("customer"))
        .body("sender_name", equalTo("Dana"))
        .body("$", not(hasKey("ai")));
    as(customer)
        .get("/customer/conversation")
        .then()
        .statusCode(200)
        .body("conversation_id", equalTo(conversation))
        .body("messages.size()", equalTo(3))
        .body("messages[1].sender", equalTo("operator"))
        .body("messages[0]", not(hasKey("ai")))
        .body("$", not(hasKey("assignee")))
        .body("$", not(hasKey("customer")));
  }

  @Test
  void anOperatorAsksForAReanalysisUnderItsOwnNameAndCustomersCannot() throws Exception {
    JsonPath started = startConversation("Ines", "Wrong size delivered");
    String message = started.getString("message.id");
    String customer = started.getString("customer_token");
    String name = "re-" + UUID.randomUUID().toString().substring(0, 8);
    as(adminToken())
        .body("{\"username\":\"" + name + "\",\"password\":\"fifteen chars ok\"}")
        .post("/operators")
        .then()
        .statusCode(201);
    String operator =
        LoginResourceIT.login(name, "fifteen chars ok").then().extract().path("access_token");
    String path = "/messages/" + message + "/reanalyze";

    // A plain POST, no body and no Content-Type, as a button's fetch() sends it.
    HttpResponse<String> bare =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(GATEWAY.server().baseUrl() + path))
                    .header("Authorization", "Bearer " + operator)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(202, bare.statusCode(), bare.body());
    JsonPath answer = JsonPath.from(bare.body());
    assertEquals(message, answer.getString("id"));
    assertEquals("processing", answer.getString("ai.status"));
    assertEquals("Wrong size delivered", answer.getString("content"));
    as(operator)
        .body("{}")
        .post(path)
        .then()
        .statusCode(202)
        .body("ai.status", equalTo("processing"));
    // messaging saw the operator, not the gateway's service token
    assertEquals(
        name + "," + name,
        messagingQuery(
            "select string_agg(payload->>'requested_by', ',') from outbox where event_type ="
                + " 'ai.requested' and payload->>'message_id' = '"
                + message
                + "'"));

    as(customer).post(path).then().statusCode(403).body("error", equalTo("forbidden"));
    api().post(path).then().statusCode(401);
    // messaging's errors keep their status and body
    as(operator)
        .post("/messages/" + UUID.randomUUID() + "/reanalyze")
        .then()
        .statusCode(404)
        .body("error", equalTo("message_not_found"));
    as(operator)
        .body("{\"force\":true}")
        .post(path)
        .then()
        .statusCode(400)
        .body("error", equalTo("unknown_field"))
        .body("field", equalTo("force"));
    as(operator)
        .post("/messages/not-a-uuid/reanalyze")
        .then()
        .statusCode(400)
        .body("field", equalTo("id"));
    // A logged-out token stays refused: the gateway checks it before passing it on.
    as(operator).post("/logout").then().statusCode(204);
    as(operator).post(path).then().statusCode(401);
    assertEquals(
        "2",
        messagingQuery(
            "select count(*) from outbox where event_type = 'ai.requested' and payload->>"
                + "'message_id' = '"
                + message
                + "'"));
  }

  private static String messagingQuery(String sql) throws Exception {
    try (Connection c = GATEWAY.messaging.database.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Test
  void aCustomerWhoReadsAReplyInTheChatGetsNoEmailFallbackForIt() {
    JsonPath started = startConversation("Gail", "Do you ship to Norway?");
    String conversation = started.getString("conversation_id");
    String customer = started.getString("customer_token");
    String admin = adminToken();
    String reply =
        as(admin)
            .body("{\"conversation_id\":\"" + conversation + "\",\"content\":\"We do.\"}")
            .post("/messages")
            .then()
            .statusCode(201)
            .body("delivery.kind", equalTo("fallback"))
            .body("delivery.status", equalTo("scheduled"))
            .extract()
            .path("id");
    String note =
        as(admin)
            .body(
                "{\"conversation_id\":\""
                    + conversation
                    + "\",\"content\":\"VIP\",\"internal\":true}")
            .post("/messages")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String elsewhere = startConversation("Hugo", "other").getString("message.id");

    // Only messages of the customer's own conversation that the customer sees: 404 JSON else.
    as(customer)
        .body("{\"message_id\":\"" + note + "\"}")
        .post("/customer/read")
        .then()
        .statusCode(404)
        .body("error", equalTo("message_not_found"));
    as(customer)
        .body("{\"message_id\":\"" + elsewhere + "\"}")
        .post("/customer/read")
        .then()
        .statusCode(404)
        .body("error", equalTo("message_not_found"));
    as(customer)
        .body("{\"message_id\":42}")
        .post("/customer/read")
        .then()
        .statusCode(400)
        .body("field", equalTo("message_id"));
    as(admin)
        .get("/conversations/" + conversation)
        .then()
        .body("messages[1].delivery.status", equalTo("scheduled"));

    as(customer)
        .body("{\"message_id\":\"" + reply + "\"}")
        .post("/customer/read")
        .then()
        .statusCode(200)
        .body("conversation_id", equalTo(conversation))
        .body("read_up_to", notNullValue());
    as(admin)
        .get("/conversations/" + conversation)
        .then()
        .statusCode(200)
        .body("messages[1].delivery.kind", equalTo("fallback"))
        .body("messages[1].delivery.status", equalTo("not_needed"));
    // Without a body, as a plain fetch() sends it: up to the latest message.
    as(customer).post("/customer/read").then().statusCode(200);

    // Operators have their own read position; nobody else marks the customer's.
    as(admin).post("/customer/read").then().statusCode(403);
    api().post("/customer/read").then().statusCode(401);
  }

  @Test
  void aCustomerTokenReachesItsOwnConversationOnly() {
    String mine = startConversation("Eli", "hello").getString("customer_token");
    String other = startConversation("Fay", "hi").getString("conversation_id");
    as(mine).get("/conversations/" + other).then().statusCode(403);
    as(mine).get("/conversations").then().statusCode(403);
    as(mine)
        .body("{\"conversation_id\":\"" + other + "\",\"content\":\"hijack\"}")
        .post("/messages")
        .then()
        .statusCode(403);
    as(mine).get("/operators").then().statusCode(403);
    // An operator token is not a customer token.
    as(adminToken()).get("/customer/conversation").then().statusCode(403);
    // A customer token without its claim reaches nothing.
    as(GATEWAY.token("customer-x", "customer"))
        .get("/customer/conversation")
        .then()
        .statusCode(403);
    api().get("/customer/conversation").then().statusCode(401);
  }

  @Test
  void aRetriedStartWithTheSameKeyReturnsTheFirstConversation() throws Exception {
    String key = UUID.randomUUID().toString();
    String body =
        "{\"name\":\"Ivy\",\"content\":\"Where is order 4711?\",\"client_message_id\":\""
            + key
            + "\"}";
    JsonPath first =
        api()
            .body(body)
            .post("/customer/conversations")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String conversation = first.getString("conversation_id");
    // The answer was lost; the client sends the same request again.
    JsonPath again =
        api()
            .body(body)
            .post("/customer/conversations")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(conversation, again.getString("conversation_id"));
    assertEquals(first.getString("message.id"), again.getString("message.id"));
    assertEquals(key, again.getString("message.client_message_id"));
    // The fresh token reaches the same conversation, which holds one message.
    as(again.getString("customer_token"))
        .get("/customer/conversation")
        .then()
        .statusCode(200)
        .body("conversation_id", equalTo(conversation))
        .body("messages.size()", equalTo(1));
    assertEquals(
        "1",
        messagingQuery(
            "select count(*) from messages where conversation_id = '" + conversation + "'"));
    // The same key with other content is another request: another conversation.
    String other =
        api()
            .body(body.replace("4711", "4712"))
            .post("/customer/conversations")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getString("conversation_id");
    assertNotEquals(conversation, other);
    // A key must be a UUID; nothing is stored for a refused start.
    String before = messagingQuery("select count(*) from conversations");
    api()
        .body("{\"name\":\"Ivy\",\"content\":\"hi\",\"client_message_id\":\"1\"}")
        .post("/customer/conversations")
        .then()
        .statusCode(400)
        .body("field", equalTo("client_message_id"));
    assertEquals(before, messagingQuery("select count(*) from conversations"));
  }

  @Test
  void aCustomerTokenIsRateLimited() {
    String token = startConversation("Hal", "one").getString("customer_token");
    for (int i = 0; i < GatewayUnderTest.CUSTOMER_MESSAGES_PER_MINUTE; i++) {
      as(token)
          .body("{\"content\":\"again " + i + "\"}")
          .post("/customer/messages")
          .then()
          .statusCode(201);
    }
    as(token)
        .body("{\"content\":\"one too many\"}")
        .post("/customer/messages")
        .then()
        .statusCode(429)
        .body("error", equalTo("rate_limited"))
        .header("Retry-After", notNullValue());
    as(token)
        .get("/customer/conversation")
        .then()
        .statusCode(200)
        .body("messages.size()", equalTo(1 + GatewayUnderTest.CUSTOMER_MESSAGES_PER_MINUTE));
  }

  @Test
  void messagingsErrorsKeepTheirStatusAndBody() {
    String admin = adminToken();
    as(admin)
        .get("/conversations/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("error", equalTo("conversation_not_found"));
    as(admin)
        .queryParam("limit", 0)
        .get("/conversations")
        .then()
        .statusCode(400)
        .body("field", equalTo("limit"));
    as(admin).get("/conversations/not-a-uuid").then().statusCode(400).body("field", equalTo("id"));
    api()
        .body("{\"name\":\"Gus\",\"content\":\"   \"}")
        .post("/customer/conversations")
        .then()
        .statusCode(400)
        .body("field", equalTo("content"))
        .body("detail", notNullValue());
    api()
        .body("{\"content\":\"no name\"}")
        .post("/customer/conversations")
        .then()
        .statusCode(400)
        .body("field", equalTo("name"));
    // Messaging checks the address under its own name (customer_email); the caller sent "email".
    api()
        .body("{\"name\":\"Gus\",\"email\":\"not an address\",\"content\":\"hi\"}")
        .post("/customer/conversations")
        .then()
        .statusCode(400)
        .body("field", equalTo("email"));
    api()
        .body("{\"name\":\"" + "G".repeat(201) + "\",\"content\":\"hi\"}")
        .post("/customer/conversations")
        .then()
        .statusCode(400)
        .body("field", equalTo("name"));
  }
}
