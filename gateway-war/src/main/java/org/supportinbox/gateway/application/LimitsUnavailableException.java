package org.supportinbox.gateway.application;

/**
 * A shared limit could not be checked (the gateway's database did not answer): the request is
 * refused, never let through unlimited. The REST layer answers 503 with {@code Retry-After}, the
 * socket an {@code error} frame or, at the handshake, a close with 1013.
 */
public class LimitsUnavailableException extends RuntimeException {
  public LimitsUnavailableException(String detail, Throwable cause) {
    super(detail, cause);
  }
}
