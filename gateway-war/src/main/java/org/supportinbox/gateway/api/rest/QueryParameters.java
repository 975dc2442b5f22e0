package org.supportinbox.gateway.api.rest;

import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.Texts;

/**
 * A request's query parameters read as strictly as request bodies: a parameter the route does not
 * know, one given twice, or a bad value is a 400 naming it. An empty value counts as absent, as an
 * HTML form sends an empty field.
 */
final class QueryParameters {

  private final MultivaluedMap<String, String> given;

  private QueryParameters(MultivaluedMap<String, String> given) {
    this.given = given;
  }

  /** {@code given} (decoded), refused when it names a parameter outside {@code known}. */
  static QueryParameters of(MultivaluedMap<String, String> given, Set<String> known) {
    for (var entry : given.entrySet()) {
      String name = entry.getKey();
      if (!known.contains(name)) {
        throw new InvalidInputException(
            "unknown_field",
            Texts.shortText("parameter", name.isBlank() ? "?" : name, 64),
            "unknown query parameter; this route takes " + String.join(", ", known));
      }
      if (entry.getValue().size() > 1) {
        throw new InvalidInputException(name, name + " is given more than once");
      }
    }
    return new QueryParameters(given);
  }

  /** The value, stripped, or null when absent or empty. */
  String text(String name, int max) {
    List<String> values = given.get(name);
    if (values == null || values.isEmpty() || values.get(0).isBlank()) {
      return null;
    }
    return Texts.shortText(name, values.get(0), max);
  }

  /** The value when it matches {@code pattern} (else a 400 saying {@code rule}), or null. */
  String matching(String name, String pattern, String rule) {
    String value = text(name, 200);
    if (value != null && !value.matches(pattern)) {
      throw new InvalidInputException(name, name + " must be " + rule);
    }
    return value;
  }

  /** A whole number in {@code [min, max]}, or {@code fallback} when absent. */
  int wholeNumber(String name, int fallback, int min, int max) {
    String value = text(name, 20);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, like an out-of-range number
    }
    throw new InvalidInputException(
        name, name + " must be a whole number from " + min + " to " + max);
  }

  /** An RFC 3339 date and time with an offset ({@code 2026-01-31T00:00:00Z}), or null. */
  Instant instant(String name) {
    String value = text(name, 64);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          name, name + " must be a date and time with an offset, such as 2026-01-31T00:00:00Z");
    }
  }
}
