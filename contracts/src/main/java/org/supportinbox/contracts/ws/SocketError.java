package org.supportinbox.contracts.ws;

/**
 * The {@code data} of an {@code error} frame: the {@code error} code and {@code detail} of the REST
 * error body, and the {@code client_message_id} of the {@code send} it answers, if any.
 */
public record SocketError(String error, String detail, String clientMessageId) {

  public static final String TYPE = "error";
}
