package org.supportinbox.contracts.ws;

import java.util.UUID;

/**
 * The client's {@code send} frame, flat: {@code {type: "send", conversation_id, content,
 * client_message_id}}; stored like {@code POST /messages} and answered with an {@code ack} or an
 * {@code error}. A customer's goes to its own conversation, whatever it names.
 */
public record Send(String type, UUID conversationId, String content, String clientMessageId) {

  public static final String TYPE = "send";
}
