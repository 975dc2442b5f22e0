package org.supportinbox.contracts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Enums whose wire form is the lower-case constant name ({@code CUSTOMER} is {@code "customer"}).
 */
public interface WireEnum {

  String name();

  default String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The constant whose wire form is exactly {@code value}; case matters, as on the wire. */
  static <E extends Enum<E> & WireEnum> Optional<E> parse(Class<E> type, String value) {
    if (value == null) {
      return Optional.empty();
    }
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.wire().equals(value)).findFirst();
  }

  /** The wire forms of every constant, e.g. {@code "open|pending|resolved"}, for error messages. */
  static <E extends Enum<E> & WireEnum> String choices(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(WireEnum::wire)
        .collect(Collectors.joining("|"));
  }
}
