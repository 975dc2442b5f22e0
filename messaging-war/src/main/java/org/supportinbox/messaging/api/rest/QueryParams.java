package org.supportinbox.messaging.api.rest;

import org.supportinbox.platform.InvalidInputException;

/** Query parameters read as strictly as request bodies: a bad value is a 400 naming it. */
final class QueryParams {

  private QueryParams() {}

  /**
   * A whole number in {@code [min, max]}, or {@code fallback} when the parameter is absent or
   * empty; anything else is {@code 400 invalid_field} naming {@code name}.
   */
  static int wholeNumber(String name, String text, int fallback, int min, int max) {
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, like an out-of-range number
    }
    throw new InvalidInputException(
        name, name + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
  }

  /** {@code true} or {@code false}; absent or empty is false; anything else is a 400. */
  static boolean bool(String name, String text) {
    if (text == null || text.isEmpty() || text.equals("false")) {
      return false;
    }
    if (text.equals("true")) {
      return true;
    }
    throw new InvalidInputException(name, name + " must be true or false, not '" + text + "'");
  }
}
