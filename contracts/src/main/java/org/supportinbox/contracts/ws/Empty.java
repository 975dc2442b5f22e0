package org.supportinbox.contracts.ws;

/**
 * The {@code data} of a frame that says all by its type ({@code pong}, {@code resync}, {@code
 * ping}): {@code {}}.
 */
public record Empty() {

  public static final Empty INSTANCE = new Empty();
}
