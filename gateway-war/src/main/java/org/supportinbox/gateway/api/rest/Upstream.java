package org.supportinbox.gateway.api.rest;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.supportinbox.gateway.infrastructure.messaging.MessagingClient;
import org.supportinbox.web.WireJson;

/** Passing messaging's answers on, whole or cut down to what a customer may see. */
final class Upstream {

  /** Fields of a message a customer sees: no AI insight, nothing internal. */
  private static final List<String> CUSTOMER_MESSAGE_FIELDS =
      List.of("id", "sender", "sender_name", "content", "client_message_id", "created_at");

  private Upstream() {}

  /** Messaging's status and body as they are (errors keep their status and JSON body). */
  static Response relay(MessagingClient.Answer answer) {
    return Response.status(answer.status())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(answer.body())
        .build();
  }

  static boolean ok(MessagingClient.Answer answer) {
    return answer.status() >= 200 && answer.status() < 300;
  }

  /** A message as its customer sees it. */
  static JsonObject customerMessage(JsonObject message) {
    JsonObjectBuilder b = WireJson.JSON.createObjectBuilder();
    for (String field : CUSTOMER_MESSAGE_FIELDS) {
      b.add(field, message.getOrDefault(field, JsonValue.NULL));
    }
    return b.build();
  }

  /** A conversation as its customer sees it: status and messages, no AI, no assignee or email. */
  static JsonObject customerConversation(JsonObject conversation) {
    JsonArrayBuilder messages = WireJson.JSON.createArrayBuilder();
    for (JsonValue m : conversation.getJsonArray("messages")) {
      messages.add(customerMessage(m.asJsonObject()));
    }
    return WireJson.JSON
        .createObjectBuilder()
        .add("conversation_id", conversation.get("conversation_id"))
        .add("status", conversation.get("status"))
        .add("messages", messages)
        .build();
  }
}
