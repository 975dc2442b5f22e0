package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.rest.CustomerMessageView;
import org.supportinbox.testing.GatewaySocket;
import org.supportinbox.testing.OllamaDouble;

/**
 * Security review, item 2: every frame a customer's socket receives carries only what a customer
 * may see (contracts' {@code CustomerMessageView}), never an AI insight or anything internal.
 * Before the fix, re-sending a message's {@code client_message_id} on the customer socket answered
 * an {@code ack} with the whole stored message: intent, summary, suggested reply, sentiment,
 * urgency and model.
 */
class CustomerFramesIT {

  /** The fields of contracts' CustomerMessageView on the wire (snake_case of its components). */
  static final Set<String> CUSTOMER_MESSAGE_FIELDS =
      Arrays.stream(CustomerMessageView.class.getRecordComponents())
          .map(c -> c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());

  /** Words of an insight (and of internal fields) that no customer frame may contain. */
  static final List<String> NEVER_SEEN =
      List.of(
          "\"ai\"",
          "intent",
          "summary",
          "suggested_reply",
          "sentiment",
          "urgency",
          "\"model\"",
          "assignee",
          "customer_email",
          "I am checking your invoice now");

  private static HostileStack stack;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
  }

  @Test
  void aResentClientMessageIdIsAckedWithTheCustomersViewOnly() throws Exception {
    JsonPath started = stack.startConversation("Frame Fran", "my invoice is wrong");
    String token = started.getString("customer_token");
    String conversation = started.getString("conversation_id");
    String operator = stack.operatorToken();
    String key = UUID.randomUUID().toString();
    List<JsonObject> received = new ArrayList<>();
    try (GatewaySocket socket =
        GatewaySocket.open(stack.gateway.baseUrl(), token, HostileStack.ORIGIN)) {
      assertThat(socket.next("hello", 10)).isNotNull();
      socket.send(send("the invoice number is 4411", key));
      JsonObject first = socket.next("ack", 15);
      assertThat(first).as("the first ack").isNotNull();
      String message = first.getJsonObject("data").getJsonObject("message").getString("id");

      // Wait until the message has its insight (the analyze replica and its Ollama double)...
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  "available"
                      .equals(
                          stack
                              .conversation(operator, conversation)
                              .getString(
                                  "messages.find { it.id == '" + message + "' }.ai.status")));
      // ...and send the same message again: messaging answers the stored message, insight and all.
      socket.send(send("the invoice number is 4411", key));
      JsonObject replay = socket.next("ack", 15);
      assertThat(replay).as("the replay's ack").isNotNull();
      JsonObject ackedMessage = replay.getJsonObject("data").getJsonObject("message");
      assertThat(ackedMessage.keySet()).isEqualTo(CUSTOMER_MESSAGE_FIELDS);
      assertThat(ackedMessage.getString("id")).isEqualTo(message);
      assertThat(replay.toString()).doesNotContain(NEVER_SEEN);

      // An operator's reply reaches the customer as a customer view; the status change, the
      // reanalysis and its insight do not reach the customer at all.
      stack
          .api(operator)
          .body(HostileStack.json(Map.of("conversation_id", conversation, "content", "On it!")))
          .post("/messages")
          .then()
          .statusCode(201);
      JsonObject reply = socket.next("message.created", 15);
      assertThat(reply).isNotNull();
      stack.api(operator).post("/messages/" + message + "/reanalyze").then().statusCode(202);
      stack
          .api(operator)
          .body("{\"status\":\"resolved\"}")
          .patch("/conversations/" + conversation)
          .then()
          .statusCode(200);
      socket.send("{\"type\":\"ping\"}");
      assertThat(socket.next("pong", 10)).isNotNull();
      Thread.sleep(3_000); // time for the events of the reanalysis and the status change
      received.add(first);
      received.add(replay);
      received.add(reply);
      socket.frames.drainTo(received);
    }
    for (JsonObject frame : received) {
      String type = frame.getString("type");
      assertThat(type)
          .as("a customer receives no other frame types")
          .isIn("hello", "message.created", "ack", "error", "pong", "resync");
      assertThat(frame.toString()).as(type).doesNotContain(NEVER_SEEN);
      if (type.equals("message.created")) {
        assertThat(frame.getJsonObject("data").keySet()).isEqualTo(CUSTOMER_MESSAGE_FIELDS);
      }
      if (type.equals("ack")) {
        JsonObject data = frame.getJsonObject("data");
        assertThat(data.keySet()).isSubsetOf("message", "client_message_id");
        assertThat(data.get("message").getValueType()).isEqualTo(JsonValue.ValueType.OBJECT);
        assertThat(data.getJsonObject("message").keySet()).isEqualTo(CUSTOMER_MESSAGE_FIELDS);
      }
    }
  }

  @Test
  void theCustomersViewHasNoInsightField() {
    assertThat(CUSTOMER_MESSAGE_FIELDS)
        .contains("id", "conversation_id", "content", "created_at")
        .doesNotContain("ai", "intent", "summary", "suggested_reply", "assignee");
  }

  @Test
  void theCustomersRestViewsAreTheSameRecord() {
    JsonPath started = stack.startConversation("Rest Rita", "hello there");
    assertThat(started.getMap("message").keySet()).isEqualTo(CUSTOMER_MESSAGE_FIELDS);
    String token = started.getString("customer_token");
    JsonPath sent =
        stack
            .api(token)
            .body("{\"content\":\"and one more\"}")
            .post("/customer/messages")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    assertThat(sent.getMap("").keySet()).isEqualTo(CUSTOMER_MESSAGE_FIELDS);
    JsonPath own =
        stack.api(token).get("/customer/conversation").then().statusCode(200).extract().jsonPath();
    assertThat(own.getMap("").keySet())
        .containsExactlyInAnyOrder("conversation_id", "status", "messages");
    for (Map<String, Object> m : own.<Map<String, Object>>getList("messages")) {
      assertThat(m.keySet()).isEqualTo(CUSTOMER_MESSAGE_FIELDS);
    }
    assertThat(OllamaDouble.VALID_INSIGHT).contains("I am checking your invoice now");
  }

  private static String send(String content, String clientMessageId) {
    return "{\"type\":\"send\",\"content\":\""
        + content
        + "\",\"client_message_id\":\""
        + clientMessageId
        + "\"}";
  }
}
