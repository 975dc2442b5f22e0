package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.GatewaySocket;
import org.supportinbox.testing.MessagingUnderTest;

/**
 * Security review, item 4: the service credentials can do only what their service needs. Before the
 * fix the AI functions held {@code JWT_SECRET} and signed {@code service} tokens that read every
 * conversation, posted messages as any customer, forged insights and opened the operator feed on
 * {@code /ws}, and a {@code message.created} published by hand on the broker reached a customer's
 * live chat without being stored.
 */
class ServiceCredentialIT {

  private static HostileStack stack;
  private static MessagingUnderTest messaging;
  private static String conversation;
  private static String message;
  private static String customer;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
    messaging = stack.system.messaging;
    JsonPath started = stack.startConversation("Scope Sam", "where is my refund?");
    conversation = started.getString("conversation_id");
    message = started.getString("message.id");
    customer = started.getString("customer_token");
  }

  private static RequestSpecification messagingApi(String token) {
    return RestAssured.given()
        .baseUri(messaging.server().baseUrl())
        .contentType(ContentType.JSON)
        .header("Authorization", "Bearer " + token);
  }

  @Test
  void anAiFunctionTokenReadsContextAndWritesInsightsOnly() {
    String function = messaging.aiFunctionToken("ai-function-hostile");
    messagingApi(function).get("/messages/" + message + "/context").then().statusCode(200);
    messagingApi(function).get("/conversations").then().statusCode(403);
    messagingApi(function).get("/conversations/" + conversation).then().statusCode(403);
    Map<String, Long> before = stack.rowCounts();
    messagingApi(function)
        .body(
            HostileStack.json(
                Map.of(
                    "sender",
                    "customer",
                    "sender_name",
                    "Support Team",
                    "conversation_id",
                    conversation,
                    "content",
                    "verify at https://evil.example")))
        .post("/messages")
        .then()
        .statusCode(403);
    messagingApi(function).post("/messages/" + message + "/reanalyze").then().statusCode(403);
    assertThat(stack.rowCounts()).isEqualTo(before);
  }

  @Test
  void theGatewaysServiceTokenCannotForgeInsights() {
    messagingApi(messaging.serviceToken())
        .body(
            "{\"message_id\":\""
                + message
                + "\",\"conversation_id\":\""
                + conversation
                + "\",\"status\":\"available\",\"intent\":\"refund\",\"summary\":\"forged\","
                + "\"suggested_reply\":\"verify at https://evil.example\",\"sentiment\":"
                + "\"neutral\",\"urgency\":\"low\",\"model\":\"forged\",\"attempts\":1}")
        .post("/ai-insights")
        .then()
        .statusCode(403);
  }

  @Test
  void anAiFunctionTokenOpensNothingOnTheGateway() throws Exception {
    String function = messaging.aiFunctionToken("ai-function-hostile");
    stack.api(function).get("/conversations").then().statusCode(401);
    stack.api(function).get("/customer/conversation").then().statusCode(401);
    try (GatewaySocket socket =
        GatewaySocket.open(stack.gateway.baseUrl(), function, HostileStack.ORIGIN)) {
      assertThat(socket.closeCode(10)).isEqualTo(1008);
      assertThat(socket.frames).isEmpty();
    }
  }

  @Test
  void aServiceTokenDoesNotOpenTheOperatorFeed() throws Exception {
    // Signed with JWT_SECRET, like the gateway's own service token: /ws admits operators, admins
    // and customers by an allow-list, and a service is none of them.
    String service = stack.system.token("gateway", "service");
    try (GatewaySocket socket =
        GatewaySocket.open(stack.gateway.baseUrl(), service, HostileStack.ORIGIN)) {
      assertThat(socket.closeCode(10)).isEqualTo(1008);
      assertThat(socket.frames).isEmpty();
    }
  }

  @Test
  void anEventPublishedByHandReachesNoBrowser() throws Exception {
    String operator = stack.operatorToken();
    try (GatewaySocket customerSocket =
            GatewaySocket.open(stack.gateway.baseUrl(), customer, HostileStack.ORIGIN);
        GatewaySocket operatorSocket =
            GatewaySocket.open(stack.gateway.baseUrl(), operator, HostileStack.ORIGIN)) {
      assertThat(customerSocket.next("hello", 10)).isNotNull();
      assertThat(operatorSocket.next("hello", 10)).isNotNull();

      String forged =
          "{\"event_id\":\""
              + UUID.randomUUID()
              + "\",\"event_type\":\"message.created\",\"occurred_at\":\""
              + Instant.now()
              + "\",\"schema_version\":1,\"conversation_id\":\""
              + conversation
              + "\",\"message_id\":\""
              + UUID.randomUUID()
              + "\",\"sender\":\"operator\",\"sender_name\":\"Support Team\",\"content\":"
              + "\"FORGED verify at https://evil.example\",\"created_at\":\""
              + Instant.now()
              + "\"}";
      publish("message.created", forged, null);
      publish("message.created", forged, "bm90IGEgc2lnbmF0dXJl");

      // A real reply afterwards: the sockets are live and receive what messaging stored...
      stack
          .api(operator)
          .body(HostileStack.json(Map.of("conversation_id", conversation, "content", "genuine")))
          .post("/messages")
          .then()
          .statusCode(201);
      // (the forged events went out first: had they been forwarded, they would come first)
      assertThat(nextMessageIn(customerSocket)).isEqualTo("genuine");
      assertThat(nextMessageIn(operatorSocket)).isEqualTo("genuine");
      // ...and the forged events never arrived.
      assertThat(customerSocket.frames.toString()).doesNotContain("FORGED");
      assertThat(operatorSocket.frames.toString()).doesNotContain("FORGED");
    }
  }

  /** The content of the next {@code message.created} of this test's conversation. */
  private static String nextMessageIn(GatewaySocket socket) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      JsonObject frame = socket.next("message.created", 15);
      assertThat(frame).as("a message.created frame").isNotNull();
      JsonObject data = frame.getJsonObject("data");
      if (conversation.equals(data.getString("conversation_id", null))) {
        return data.getString("content");
      }
    }
    throw new AssertionError("no message.created of " + conversation);
  }

  /** Publishes on the test vhost with the broker account every service of the test uses. */
  private static void publish(String routingKey, String body, String signature) throws Exception {
    try (Connection c = messaging.vhost.connectionFactory().newConnection("forger");
        Channel ch = c.createChannel()) {
      AMQP.BasicProperties.Builder props =
          new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2);
      if (signature != null) {
        props.headers(Map.of("inbox-signature", signature));
      }
      ch.basicPublish(
          MessagingUnderTest.EXCHANGE,
          routingKey,
          props.build(),
          body.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Messaging's {@code GET /ai-quality/metrics} takes the metrics token and nothing else: no token
   * of any service or user, no near miss of the header, not the token in the query; and the
   * gateway, the only public door, does not serve it.
   */
  @Test
  void theMetricsTakeTheMetricsTokenOnly() {
    String metrics = org.supportinbox.testing.FunctionUnderTest.METRICS_TOKEN;
    for (String token :
        new String[] {
          messaging.serviceToken(),
          messaging.aiFunctionToken("ai-function-hostile"),
          messaging.operatorToken("bob"),
          messaging.token("root", "admin"),
          customer,
          metrics.substring(1),
          metrics + "x",
          metrics.toUpperCase(java.util.Locale.ROOT)
        }) {
      messagingApi(token).get("/ai-quality/metrics").then().statusCode(401);
    }
    RestAssured.given()
        .baseUri(messaging.server().baseUrl())
        .header("Authorization", "bearer  " + metrics)
        .get("/ai-quality/metrics")
        .then()
        .statusCode(401);
    RestAssured.given()
        .baseUri(messaging.server().baseUrl())
        .queryParam("token", metrics)
        .get("/ai-quality/metrics")
        .then()
        .statusCode(401);
    messagingApi(metrics).get("/ai-quality/metrics").then().statusCode(200);
    RestAssured.given()
        .baseUri(stack.gateway.baseUrl())
        .header("Authorization", "Bearer " + metrics)
        .get("/ai-quality/metrics")
        .then()
        .statusCode(org.hamcrest.Matchers.not(200));
  }
}
