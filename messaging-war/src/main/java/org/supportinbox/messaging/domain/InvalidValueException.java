package org.supportinbox.messaging.domain;

/**
 * A value that breaks a rule of the domain; the REST layer answers {@code 400} with {@link #code()}
 * (e.g. {@code invalid_field}, {@code missing_field}) naming {@link #field()}.
 */
public class InvalidValueException extends RuntimeException {

  private final String code;
  private final String field;

  public InvalidValueException(String code, String field, String detail) {
    super(detail);
    this.code = code;
    this.field = field;
  }

  public InvalidValueException(String field, String detail) {
    this("invalid_field", field, detail);
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
