package org.supportinbox.gateway.application;

/**
 * This instance's denylist is too old to say whether a token was revoked and could not be read
 * again (its database did not answer); the REST layer answers 503, the socket handshake 1013. Never
 * a reason to accept.
 */
public class RevocationUnavailableException extends RuntimeException {
  public RevocationUnavailableException(String detail) {
    super(detail);
  }

  public RevocationUnavailableException(String detail, Throwable cause) {
    super(detail, cause);
  }
}
