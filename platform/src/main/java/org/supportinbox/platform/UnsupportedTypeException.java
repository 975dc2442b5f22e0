package org.supportinbox.platform;

/**
 * Input of a type the route does not take (an upload whose bytes are not an allowed file type); the
 * REST layer answers {@code 415 unsupported_media_type} naming {@link #field()}.
 */
public class UnsupportedTypeException extends InvalidInputException {

  public UnsupportedTypeException(String field, String detail) {
    super("unsupported_media_type", field, detail);
  }
}
