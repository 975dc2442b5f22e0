package org.supportinbox.messaging.application;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import org.supportinbox.messaging.domain.InvalidValueException;

/**
 * Position in the inbox list, after the conversation ({@code lastMessageAt}, {@code id}). Opaque to
 * clients: base64url of {@code epochMicros:uuid}.
 */
public record Cursor(Instant lastMessageAt, UUID id) {

  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, lastMessageAt);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
  }

  /** Reads a cursor a previous page returned; anything else is a 400 naming {@code cursor}. */
  public static Cursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
      int colon = plain.indexOf(':');
      long micros = Long.parseLong(plain.substring(0, colon));
      return new Cursor(
          Instant.EPOCH.plus(micros, ChronoUnit.MICROS),
          UUID.fromString(plain.substring(colon + 1)));
    } catch (RuntimeException e) {
      throw new InvalidValueException(
          "cursor", "cursor is not one this service returned (use next_cursor as it is)");
    }
  }
}
