package org.supportinbox.gateway.application;

/** Messaging did not answer in time (or at all); the REST layer answers 503. */
public class MessagingUnavailableException extends RuntimeException {
  public MessagingUnavailableException(String detail, Throwable cause) {
    super(detail, cause);
  }
}
