package org.supportinbox.gateway.api.websocket;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import org.supportinbox.contracts.events.MessageCreated;
import org.supportinbox.contracts.rest.CustomerMessageView;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.contracts.ws.Frame;
import org.supportinbox.contracts.ws.SendAck;
import org.supportinbox.web.WireJson;

/**
 * The frames of {@code /ws}, each {@code {type, data}}: server to client {@code hello}, {@code
 * message.created}, {@code ai.requested}, {@code ai.completed}, {@code conversation.updated},
 * {@code resync}, {@code ack}, {@code error}, {@code pong}; client to server {@code send} and
 * {@code ping}. What a customer receives of a message, in a {@code message.created} frame or an
 * {@code ack}, is built from {@link CustomerMessageView} and nothing else.
 */
final class Frames {

  private Frames() {}

  static String frame(String type, JsonValue data) {
    return WireJson.JSON
        .createObjectBuilder()
        .add("type", type)
        .add("data", data)
        .build()
        .toString();
  }

  static String hello(String user, String role) {
    return frame(
        "hello",
        WireJson.JSON
            .createObjectBuilder()
            .add("server_time", Instant.now().toString())
            .add("user", user)
            .add("role", role)
            .build());
  }

  static String resync() {
    return frame("resync", JsonValue.EMPTY_JSON_OBJECT);
  }

  static String pong() {
    return frame("pong", JsonValue.EMPTY_JSON_OBJECT);
  }

  static String error(String clientMessageId, String code, String detail) {
    JsonObjectBuilder data =
        WireJson.JSON.createObjectBuilder().add("error", code).add("detail", detail);
    if (clientMessageId != null) {
      data.add("client_message_id", clientMessageId);
    }
    return frame("error", data.build());
  }

  /** A {@code message.created} event as its customer may see it. */
  static String forCustomer(String eventBody) {
    MessageCreated event = WireJson.JSONB.fromJson(eventBody, MessageCreated.class);
    return WireJson.JSONB.toJson(new Frame<>(MessageCreated.TYPE, CustomerMessageView.of(event)));
  }

  /** The ack of a customer's {@code send}: the message as the customer sees it. */
  static String customerAck(String storedMessage, String clientMessageId) {
    MessageView stored = WireJson.JSONB.fromJson(storedMessage, MessageView.class);
    return WireJson.JSONB.toJson(
        new Frame<>("ack", new SendAck<>(CustomerMessageView.of(stored), clientMessageId)));
  }

  /** The ack of an operator's {@code send}: the whole stored message, insight included. */
  static String operatorAck(JsonObject storedMessage, String clientMessageId) {
    JsonObjectBuilder ack = WireJson.JSON.createObjectBuilder().add("message", storedMessage);
    if (clientMessageId != null) {
      ack.add("client_message_id", clientMessageId);
    }
    return frame("ack", ack.build());
  }
}
