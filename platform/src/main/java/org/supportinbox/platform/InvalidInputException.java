package org.supportinbox.platform;

/** Input that breaks a rule; the REST layer answers 400 naming {@link #field()}. */
public class InvalidInputException extends RuntimeException {

  private final String code;
  private final String field;

  public InvalidInputException(String code, String field, String detail) {
    super(detail);
    this.code = code;
    this.field = field;
  }

  public InvalidInputException(String field, String detail) {
    this("invalid_field", field, detail);
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
