package org.supportinbox.functions.analyze;

import static io.restassured.RestAssured.given;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.supportinbox.auth.EventSignature;
import org.supportinbox.contracts.events.AiCompleted;
import org.supportinbox.contracts.events.EventTopology;
import org.supportinbox.functions.runtime.Json;
import org.supportinbox.testing.MessagingUnderTest;

/**
 * What the ITs do with the system around the function: post messages to the real messaging, read
 * insights back, and watch the exchange for {@code ai.completed}.
 */
final class Inbox implements AutoCloseable {

  static final MessagingUnderTest MESSAGING = MessagingUnderTest.get();

  /**
   * One {@code ai.completed} as a consumer received it: its fields, its bytes and the value of its
   * {@link EventSignature#HEADER} header (null when it has none).
   */
  record Completed(
      String messageId, String status, Map<String, Object> body, byte[] raw, Object signature) {

    /** Whether the event's signature header is that of {@code secret}'s key for these bytes. */
    boolean signedWith(String secret) {
      return EventSignature.fromSecret(secret).verify(AiCompleted.TYPE, raw, signature);
    }
  }

  final List<Completed> completed = new CopyOnWriteArrayList<>();
  private final Connection connection;

  Inbox() throws Exception {
    connection = MESSAGING.vhost.connectionFactory().newConnection("it-ai-tap");
    Channel ch = connection.createChannel();
    ch.exchangeDeclare(
        MessagingUnderTest.EXCHANGE,
        BuiltinExchangeType.TOPIC,
        true,
        false,
        EventTopology.exchangeArguments(MessagingUnderTest.EXCHANGE));
    String queue = ch.queueDeclare("", false, true, true, Map.of()).getQueue();
    ch.queueBind(queue, MessagingUnderTest.EXCHANGE, AiCompleted.TYPE);
    ch.basicConsume(
        queue,
        true,
        (tag, d) -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> body = Json.MAPPER.readValue(d.getBody(), Map.class);
          Map<String, Object> headers = d.getProperties().getHeaders();
          completed.add(
              new Completed(
                  (String) body.get("message_id"),
                  (String) body.get("status"),
                  body,
                  d.getBody(),
                  headers == null ? null : headers.get(EventSignature.HEADER)));
        },
        tag -> {});
  }

  /** Posts a customer message (new conversation); returns the stored message's JSON. */
  static JsonPath customerSays(String content) {
    Map<String, Object> body = new HashMap<>();
    body.put("sender", "customer");
    body.put("sender_name", "Ada");
    body.put("content", content);
    return given()
        .baseUri(MESSAGING.url(""))
        .header("Authorization", "Bearer " + MESSAGING.serviceToken())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/messages")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  static JsonPath operatorSays(String conversationId, String content) {
    return given()
        .baseUri(MESSAGING.url(""))
        .header("Authorization", "Bearer " + MESSAGING.operatorToken("alice"))
        .contentType(ContentType.JSON)
        .body(Map.of("sender", "operator", "conversation_id", conversationId, "content", content))
        .post("/messages")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  /** An operator's "Retry AI": {@code POST /messages/{id}/reanalyze}, 202, the message's JSON. */
  static JsonPath reanalyze(String messageId) {
    return given()
        .baseUri(MESSAGING.url(""))
        .header("Authorization", "Bearer " + MESSAGING.operatorToken("alice"))
        .post("/messages/" + messageId + "/reanalyze")
        .then()
        .statusCode(202)
        .extract()
        .jsonPath();
  }

  /** The message's insight as messaging serves it ({@code ai} of the message), or null. */
  static Map<String, Object> insight(String conversationId, String messageId) {
    List<Map<String, Object>> messages =
        given()
            .baseUri(MESSAGING.url(""))
            .header("Authorization", "Bearer " + MESSAGING.serviceToken())
            .get("/conversations/" + conversationId)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("messages");
    for (Map<String, Object> m : messages) {
      if (messageId.equals(m.get("id"))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> ai = (Map<String, Object>) m.get("ai");
        return ai;
      }
    }
    throw new AssertionError("no message " + messageId + " in " + conversationId);
  }

  static String status(JsonPath message) {
    Map<String, Object> ai = insight(message.getString("conversation_id"), message.getString("id"));
    return ai == null ? null : (String) ai.get("status");
  }

  /** Rows of ai_insights in messaging's database (one per message at most, by its primary key). */
  static long insightRows() throws SQLException {
    try (java.sql.Connection c = MESSAGING.database.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from ai_insights")) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Publishes raw bytes on the exchange, as a broken publisher would. */
  void publishRaw(String routingKey, byte[] body) throws Exception {
    try (Channel ch = connection.createChannel()) {
      ch.confirmSelect();
      ch.basicPublish(
          MessagingUnderTest.EXCHANGE,
          routingKey,
          new AMQP.BasicProperties.Builder()
              .deliveryMode(2)
              .messageId(UUID.randomUUID().toString())
              .build(),
          body);
      ch.waitForConfirmsOrDie(5_000);
    }
  }

  void publishRaw(String routingKey, String body) throws Exception {
    publishRaw(routingKey, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Takes one message from a queue (acked), or null when it is empty. */
  GetResponse take(String queue) throws Exception {
    try (Channel ch = connection.createChannel()) {
      return ch.basicGet(queue, true);
    }
  }

  long depth(String queue) throws Exception {
    try (Channel ch = connection.createChannel()) {
      return ch.queueDeclarePassive(queue).getMessageCount();
    }
  }

  long completedFor(String messageId) {
    return completed.stream().filter(c -> c.messageId().equals(messageId)).count();
  }

  @Override
  public void close() throws Exception {
    connection.close();
  }
}
