package org.supportinbox.platform;

/** The request clashes with what exists (e.g. a user name taken); the REST layer answers 409. */
public class ConflictException extends RuntimeException {

  private final String field;

  public ConflictException(String field, String detail) {
    super(detail);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
