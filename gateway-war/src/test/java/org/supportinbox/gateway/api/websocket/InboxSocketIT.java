package org.supportinbox.gateway.api.websocket;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.restassured.http.ContentType;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.supportinbox.auth.EventSignature;
import org.supportinbox.contracts.rest.ConversationStart;
import org.supportinbox.contracts.rest.CustomerMessage;
import org.supportinbox.contracts.rest.CustomerStart;
import org.supportinbox.contracts.ws.Hello;
import org.supportinbox.contracts.ws.Send;
import org.supportinbox.contracts.ws.SocketError;
import org.supportinbox.testing.CustomerClient;
import org.supportinbox.testing.ForgedTokens;
import org.supportinbox.testing.GatewaySocket;
import org.supportinbox.testing.GatewayUnderTest;
import org.supportinbox.testing.MessagingUnderTest;
import org.supportinbox.testing.PayaraMicro;
import org.supportinbox.testing.TcpProxy;

class InboxSocketIT {

  static final GatewayUnderTest GATEWAY = GatewayUnderTest.get();
  static final String ORIGIN = GatewayUnderTest.ALLOWED_ORIGIN;

  private static String base() {
    return GATEWAY.server().baseUrl();
  }

  private static String operatorToken() {
    return new CustomerClient(base()).login(GatewayUnderTest.ADMIN, GATEWAY.adminPassword);
  }

  private static CustomerStart startConversation(String content) {
    return new CustomerClient(base()).start("Ivy", content);
  }

  /**
   * Publishes {@code events} {@code message.created} events straight on the exchange, ten at a time
   * every 20 ms: a busy stream, not one burst that outruns even a socket that reads.
   */
  private static void publishMessageCreated(int events, String content) throws Exception {
    try (Connection c = GATEWAY.messaging.vhost.connectionFactory().newConnection()) {
      Channel ch = c.createChannel();
      for (int i = 0; i < events; i++) {
        if (i % 10 == 9) {
          Thread.sleep(50);
        }
        String event =
            "{\"event_id\":\""
                + UUID.randomUUID()
                + "\",\"event_type\":\"message.created\",\"schema_version\":1,"
                + "\"conversation_id\":\""
                + UUID.randomUUID()
                + "\",\"message_id\":\""
                + UUID.randomUUID()
                + "\",\"sender\":\"customer\",\"content\":\""
                + content
                + "\"}";
        signedPublish(ch, "message.created", event, GATEWAY.secret);
      }
    }
  }

  /**
   * Publishes an event as its service would: signed with the key of {@code secret} (messaging's
   * JWT_SECRET, the functions' AI_FUNCTION_SECRET); the gateway forwards nothing unsigned.
   */
  static void signedPublish(Channel ch, String type, String event, String secret)
      throws java.io.IOException {
    byte[] body = event.getBytes(StandardCharsets.UTF_8);
    ch.basicPublish(
        MessagingUnderTest.EXCHANGE,
        type,
        new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .headers(
                java.util.Map.of(
                    EventSignature.HEADER, EventSignature.fromSecret(secret).sign(type, body)))
            .build(),
        body);
  }

  @Test
  void aCustomerMessageReachesOperatorsOnTwoGatewayInstances() throws Exception {
    String token = operatorToken();
    try (PayaraMicro second = GATEWAY.startSecondInstance();
        GatewaySocket one = GatewaySocket.open(base(), token, ORIGIN);
        GatewaySocket two = GatewaySocket.open(second.baseUrl(), token, ORIGIN)) {
      assertEquals("operator", one.next(Hello.TYPE, Hello.class, 10).role());
      assertNotNull(two.next("hello", 10));

      UUID key = UUID.randomUUID();
      String message =
          new CustomerClient(base())
              .start(
                  new ConversationStart("Ivy", null, "Where is my refund?", key),
                  Duration.ofSeconds(30),
                  (attempt, failure) -> {})
              .message()
              .id()
              .toString();

      for (GatewaySocket probe : new GatewaySocket[] {one, two}) {
        JsonObject created = probe.next("message.created", 15);
        assertNotNull(created, "message.created on both instances");
        assertEquals(message, created.getJsonObject("data").getString("message_id"));
        assertEquals("Where is my refund?", created.getJsonObject("data").getString("content"));
        assertEquals(key.toString(), created.getJsonObject("data").getString("client_message_id"));
      }
    }
  }

  @Test
  void aiCompletedReachesOperatorsAndCustomersSeeOnlyTheirOwnMessages() throws Exception {
    CustomerStart mine = startConversation("first");
    String conversation = mine.conversationId().toString();
    try (GatewaySocket operator = GatewaySocket.open(base(), operatorToken(), ORIGIN);
        GatewaySocket customer = GatewaySocket.open(base(), mine.customerToken(), ORIGIN)) {
      assertEquals("customer", customer.next(Hello.TYPE, Hello.class, 10).role());
      operator.next("hello", 10);

      String other = startConversation("someone else's").message().id().toString();
      String key = UUID.randomUUID().toString();
      new CustomerClient(base()).send(mine.customerToken(), new CustomerMessage("second", key));
      JsonObject own = customer.next("message.created", 15);
      assertNotNull(own);
      assertEquals("second", own.getJsonObject("data").getString("content"));
      assertEquals(key, own.getJsonObject("data").getString("client_message_id"));
      assertTrue(
          customer.frames.stream().noneMatch(f -> f.toString().contains(other)),
          "no event of another conversation");

      String event =
          "{\"event_id\":\""
              + UUID.randomUUID()
              + "\",\"event_type\":\"ai.completed\",\"schema_version\":1,\"conversation_id\":\""
              + conversation
              + "\",\"message_id\":\""
              + mine.message().id()
              + "\",\"status\":\"available\",\"intent\":\"refund\"}";
      try (Connection c = GATEWAY.messaging.vhost.connectionFactory().newConnection()) {
        Channel ch = c.createChannel();
        signedPublish(ch, "ai.completed", event, GATEWAY.messaging.aiFunctionSecret);
      }
      JsonObject ai = operator.next("ai.completed", 15);
      assertNotNull(ai);
      assertEquals("refund", ai.getJsonObject("data").getString("intent"));
      assertNull(customer.next("ai.completed", 2), "customers never get AI data");
    }
  }

  @Test
  void aReanalysisReachesOperatorsAsAiRequestedAndNotCustomers() throws Exception {
    CustomerStart mine = startConversation("analyse me again");
    String message = mine.message().id().toString();
    String token = operatorToken();
    try (GatewaySocket operator = GatewaySocket.open(base(), token, ORIGIN);
        GatewaySocket customer = GatewaySocket.open(base(), mine.customerToken(), ORIGIN)) {
      operator.next("hello", 10);
      customer.next("hello", 10);
      given()
          .baseUri(base())
          .header("Authorization", "Bearer " + token)
          .post("/messages/" + message + "/reanalyze")
          .then()
          .statusCode(202);
      JsonObject requested = operator.next("ai.requested", 15);
      assertNotNull(requested, "operators see the insight go back to processing");
      JsonObject data = requested.getJsonObject("data");
      assertEquals("ai.requested", data.getString("event_type"));
      assertEquals(message, data.getString("message_id"));
      assertEquals(mine.conversationId().toString(), data.getString("conversation_id"));
      assertEquals("analyse me again", data.getString("content"));
      assertEquals("customer", data.getString("sender"));
      assertEquals("Ivy", data.getString("sender_name"));
      assertEquals("admin", data.getString("requested_by"));
      assertNull(customer.next("ai.requested", 2), "customers never get AI events");
      assertTrue(customer.frames.stream().noneMatch(f -> f.toString().contains("ai.requested")));
    }
  }

  @Test
  void aConversationChangeReachesOperators() throws Exception {
    String conversation = startConversation("assign me").conversationId().toString();
    String token = operatorToken();
    try (GatewaySocket operator = GatewaySocket.open(base(), token, ORIGIN)) {
      operator.next("hello", 10);
      given()
          .baseUri(base())
          .header("Authorization", "Bearer " + token)
          .contentType(ContentType.JSON)
          .body("{\"assignee\":\"admin\"}")
          .patch("/conversations/" + conversation)
          .then()
          .statusCode(200);
      JsonObject updated = operator.next("conversation.updated", 15);
      assertNotNull(updated);
      assertEquals(conversation, updated.getJsonObject("data").getString("conversation_id"));
      assertEquals("admin", updated.getJsonObject("data").getString("assignee"));
    }
  }

  /** An operator of this test, created by the admin; returns its token. */
  private static String newOperatorToken() {
    String name = "op-" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .baseUri(base())
        .header("Authorization", "Bearer " + operatorToken())
        .contentType(ContentType.JSON)
        .body("{\"username\":\"" + name + "\",\"password\":\"fifteen chars ok\"}")
        .post("/operators")
        .then()
        .statusCode(201);
    return new CustomerClient(base()).login(name, "fifteen chars ok");
  }

  @Test
  void aReadPositionReachesEverySocketOfThatOperatorAndNoOneElse() throws Exception {
    CustomerStart start = startConversation("read me");
    String conversation = start.conversationId().toString();
    String admin = operatorToken();
    String other = newOperatorToken();
    try (PayaraMicro second = GATEWAY.startSecondInstance();
        GatewaySocket tab = GatewaySocket.open(base(), admin, ORIGIN);
        GatewaySocket device = GatewaySocket.open(second.baseUrl(), operatorToken(), ORIGIN);
        GatewaySocket colleague = GatewaySocket.open(base(), other, ORIGIN);
        GatewaySocket customer = GatewaySocket.open(base(), start.customerToken(), ORIGIN)) {
      for (GatewaySocket s : new GatewaySocket[] {tab, device, colleague, customer}) {
        assertNotNull(s.next("hello", 10));
      }
      given()
          .baseUri(base())
          .header("Authorization", "Bearer " + admin)
          .put("/conversations/" + conversation + "/read")
          .then()
          .statusCode(200)
          .body("reader", org.hamcrest.Matchers.equalTo(GatewayUnderTest.ADMIN))
          .body("unread", org.hamcrest.Matchers.equalTo(0));
      for (GatewaySocket s : new GatewaySocket[] {tab, device}) {
        JsonObject read = s.next("conversation.read", 15);
        assertNotNull(read, "conversation.read on each of the reader's sockets");
        assertEquals(conversation, read.getJsonObject("data").getString("conversation_id"));
        assertEquals(GatewayUnderTest.ADMIN, read.getJsonObject("data").getString("reader"));
      }
      assertNull(colleague.next("conversation.read", 2), "another operator's read is not theirs");
      assertNull(customer.next("conversation.read", 1), "customers never see reads");
      // The colleague's own list still counts the customer's message as unread.
      given()
          .baseUri(base())
          .header("Authorization", "Bearer " + other)
          .queryParam("view", "all")
          .queryParam("limit", 100)
          .get("/conversations")
          .then()
          .statusCode(200)
          .body(
              "items.find { it.conversation_id == '" + conversation + "' }.unread",
              org.hamcrest.Matchers.equalTo(1));
    }
  }

  @Test
  void aSendFrameIsStoredAndAcknowledged() throws Exception {
    UUID conversation = startConversation("hello?").conversationId();
    try (GatewaySocket operator = GatewaySocket.open(base(), operatorToken(), ORIGIN)) {
      operator.next("hello", 10);
      operator.send(new Send(Send.TYPE, conversation, "Hi, how can I help?", "ws-1"));
      JsonObject ack = operator.next("ack", 15);
      assertNotNull(ack);
      assertEquals("ws-1", ack.getJsonObject("data").getString("client_message_id"));
      assertEquals(
          "operator", ack.getJsonObject("data").getJsonObject("message").getString("sender"));
      operator.send(new Send(Send.TYPE, conversation, "  ", null));
      assertEquals("invalid_field", operator.next(SocketError.TYPE, SocketError.class, 15).error());
      operator.send("{\"type\":\"ping\"}");
      assertNotNull(operator.next("pong", 5));
    }
  }

  @Test
  void aStuckSocketIsClosedWith1013AndDoesNotSlowTheOthers() throws Exception {
    String token = operatorToken();
    // 400 frames of ~60 KB: more than loopback's TCP buffers (a few MB each way) plus the
    // socket's send queue (GatewayUnderTest.WS_SEND_QUEUE) can hold.
    int events = 400;
    String content = "x".repeat(60 * 1024);
    try (GatewaySocket stuck =
            GatewaySocket.to(base()).token(token).origin(ORIGIN).stalled().open();
        GatewaySocket reader = GatewaySocket.open(base(), token, ORIGIN)) {
      reader.next("hello", 10);
      publishMessageCreated(events, content);
      for (int i = 0; i < events; i++) {
        assertNotNull(reader.next("message.created", 30), "the reading socket got event " + i);
      }
      assertFalse(reader.isClosed(), "the reading socket stays open");

      stuck.resume();
      assertEquals(1013, stuck.closeCode(30));
      long received =
          stuck.frames.stream().filter(f -> f.getString("type").equals("message.created")).count();
      assertTrue(received < events, "the stuck socket was cut off, after " + received + " events");
    }
  }

  @Test
  void afterLosingTheBrokerTheGatewayRecoversAndAsksSocketsToResync() throws Exception {
    try (TcpProxy broker = TcpProxy.toBroker();
        PayaraMicro gateway =
            GATEWAY.startInstance(
                "gateway-proxied", Map.of("RABBITMQ_PORT", Integer.toString(broker.port())));
        GatewaySocket operator = GatewaySocket.open(gateway.baseUrl(), operatorToken(), ORIGIN)) {
      operator.next("hello", 10);

      broker.cut();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                String readiness = gateway.readiness();
                return readiness != null && readiness.contains("DOWN");
              });
      broker.restore();

      assertNotNull(operator.next("resync", 60), "resync after the connection recovered");
      String message = startConversation("are you back?").message().id().toString();
      JsonObject created = operator.next("message.created", 15);
      assertNotNull(created, "events flow again");
      assertEquals(message, created.getJsonObject("data").getString("message_id"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void forgedTokensAreClosedWith1008(String attack, String token) throws Exception {
    try (GatewaySocket probe = GatewaySocket.open(base(), token, ORIGIN)) {
      assertEquals(1008, probe.closeCode(10), attack);
      assertNull(probe.frames.poll(), attack + ": nothing was sent");
    }
  }

  static Stream<Arguments> attacks() {
    return ForgedTokens.all(GATEWAY.secret).entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @Test
  void socketsWithoutAValidTokenAreClosedWith1008() throws Exception {
    try (GatewaySocket none = GatewaySocket.open(base(), null, ORIGIN)) {
      assertEquals(1008, none.closeCode(10));
      assertNull(none.frames.poll());
    }
    try (GatewaySocket forged = GatewaySocket.open(base(), operatorToken() + "x", ORIGIN)) {
      assertEquals(1008, forged.closeCode(10));
    }
  }

  @Test
  void pagesFromOtherOriginsAreRefusedAtTheHandshake() {
    CompletionException e =
        assertThrows(
            CompletionException.class,
            () -> GatewaySocket.open(base(), operatorToken(), "http://evil.example"));
    assertTrue(e.getCause() instanceof java.net.http.WebSocketHandshakeException, e.toString());
  }

  @Test
  void oversizeFramesCloseTheSocket() throws Exception {
    try (GatewaySocket probe = GatewaySocket.open(base(), operatorToken(), ORIGIN)) {
      probe.next("hello", 10);
      probe.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
      assertEquals(1009, probe.closeCode(10));
    }
  }

  @Test
  void logoutClosesTheSocketsOfThatTokenOnly() throws Exception {
    String token = operatorToken();
    String other = operatorToken();
    try (GatewaySocket probe = GatewaySocket.open(base(), token, ORIGIN);
        GatewaySocket same = GatewaySocket.open(base(), token, ORIGIN);
        GatewaySocket stays = GatewaySocket.open(base(), other, ORIGIN)) {
      for (GatewaySocket p : new GatewaySocket[] {probe, same, stays}) {
        p.next("hello", 10);
      }
      given()
          .baseUri(base())
          .header("Authorization", "Bearer " + token)
          .post("/logout")
          .then()
          .statusCode(204);
      assertEquals(1008, probe.closeCode(15));
      assertEquals(1008, same.closeCode(15));
      stays.send("{\"type\":\"ping\"}");
      assertNotNull(stays.next("pong", 5), "the other token's socket is still served");
      assertFalse(stays.isClosed());
    }
  }
}
