package org.supportinbox.gateway.application;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.supportinbox.platform.InvalidInputException;

/**
 * Position in the audit log, after the entry ({@code at}, {@code id}). Opaque to clients: base64url
 * of {@code epochMicros:id} (the database keeps microseconds, so the position is exact).
 */
public record AuditCursor(Instant at, long id) {

  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
  }

  /** Reads a cursor a previous page returned; anything else is a 400 naming {@code cursor}. */
  public static AuditCursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
      int colon = plain.indexOf(':');
      long micros = Long.parseLong(plain.substring(0, colon));
      long id = Long.parseLong(plain.substring(colon + 1));
      if (id < 1) {
        throw new IllegalArgumentException("ids start at 1");
      }
      return new AuditCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          "cursor", "cursor is not one this service returned (use next_cursor as it is)");
    }
  }
}
