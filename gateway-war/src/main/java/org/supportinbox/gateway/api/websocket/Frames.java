package org.supportinbox.gateway.api.websocket;

import java.time.Instant;
import java.util.Optional;
import org.supportinbox.contracts.events.MessageCreated;
import org.supportinbox.contracts.rest.CustomerMessageView;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.contracts.ws.Empty;
import org.supportinbox.contracts.ws.Frame;
import org.supportinbox.contracts.ws.Hello;
import org.supportinbox.contracts.ws.SendAck;
import org.supportinbox.contracts.ws.SocketError;
import org.supportinbox.platform.WireJson;

/**
 * The frames of {@code /ws}, each a contracts {@link Frame} {@code {type, data}} written with the
 * wire's JSON-B: server to client {@code hello}, {@code message.created}, {@code ai.requested},
 * {@code ai.completed}, {@code conversation.updated}, {@code conversation.read}, {@code resync},
 * {@code ack}, {@code error}, {@code pong}; client to server {@code send} and {@code ping}. What a
 * customer receives of a message, in a {@code message.created} frame or an {@code ack}, is built
 * from {@link CustomerMessageView} and nothing else.
 */
final class Frames {

  private Frames() {}

  private static String frame(String type, Object data) {
    return WireJson.JSONB.toJson(new Frame<>(type, data));
  }

  static String hello(String user, String role) {
    return frame(Hello.TYPE, new Hello(Instant.now(), user, role));
  }

  static String resync() {
    return frame(Frame.RESYNC, Empty.INSTANCE);
  }

  static String pong() {
    return frame(Frame.PONG, Empty.INSTANCE);
  }

  static String error(String clientMessageId, String code, String detail) {
    return frame(SocketError.TYPE, new SocketError(code, detail, clientMessageId));
  }

  /**
   * An event as operators receive it: the event's JSON, as published ({@link
   * SocketHub#forOperators}), as the frame's data.
   */
  static String event(String type, java.util.Map<String, jakarta.json.JsonValue> event) {
    return frame(type, event);
  }

  /**
   * A {@code message.created} event as its customer may see it, or empty for an operators' note,
   * which no customer frame carries.
   */
  static Optional<String> forCustomer(String eventBody) {
    MessageCreated event = WireJson.JSONB.fromJson(eventBody, MessageCreated.class);
    return CustomerMessageView.visible(event).map(view -> frame(MessageCreated.TYPE, view));
  }

  /** The ack of a customer's {@code send}: the message as the customer sees it. */
  static String customerAck(CustomerMessageView stored, String clientMessageId) {
    return frame(Frame.ACK, new SendAck<>(stored, clientMessageId));
  }

  /** The ack of an operator's {@code send}: the whole stored message, insight included. */
  static String operatorAck(MessageView stored, String clientMessageId) {
    return frame(Frame.ACK, new SendAck<>(stored, clientMessageId));
  }
}
