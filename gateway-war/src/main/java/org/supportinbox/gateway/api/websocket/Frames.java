package org.supportinbox.gateway.api.websocket;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import org.supportinbox.web.WireJson;

/**
 * The frames of {@code /ws}, each {@code {type, data}}: server to client {@code hello}, {@code
 * message.created}, {@code ai.requested}, {@code ai.completed}, {@code conversation.updated},
 * {@code resync}, {@code ack}, {@code error}, {@code pong}; client to server {@code send} and
 * {@code ping}.
 */
final class Frames {

  /** What a customer sees of a {@code message.created} event. */
  private static final List<String> CUSTOMER_EVENT_FIELDS =
      List.of("conversation_id", "message_id", "sender", "sender_name", "content", "created_at");

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

  static String error(String clientMessageId, String code, String detail) {
    JsonObjectBuilder data =
        WireJson.JSON.createObjectBuilder().add("error", code).add("detail", detail);
    if (clientMessageId != null) {
      data.add("client_message_id", clientMessageId);
    }
    return frame("error", data.build());
  }

  /** A {@code message.created} event cut down to what its customer may see. */
  static JsonObject forCustomer(JsonObject event) {
    JsonObjectBuilder b = WireJson.JSON.createObjectBuilder();
    for (String field : CUSTOMER_EVENT_FIELDS) {
      b.add(field, event.getOrDefault(field, JsonValue.NULL));
    }
    return b.build();
  }
}
