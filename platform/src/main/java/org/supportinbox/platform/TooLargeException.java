package org.supportinbox.platform;

/**
 * Input over a size or count limit; the REST layer answers {@code 413 payload_too_large} naming
 * {@link #field()}, the same body as the request-size limit's.
 */
public class TooLargeException extends InvalidInputException {

  public TooLargeException(String field, String detail) {
    super("payload_too_large", field, detail);
  }
}
