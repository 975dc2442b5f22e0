package org.supportinbox.messaging.domain;

/**
 * A value that must be unique is taken (a saved reply's shortcut); the REST layer answers {@code
 * 409 conflict} naming {@link #field()}. The transaction that met it rolls back: nothing of the
 * request is stored.
 */
public class DuplicateValueException extends RuntimeException {

  private final String field;

  public DuplicateValueException(String field, String detail) {
    super(detail);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
