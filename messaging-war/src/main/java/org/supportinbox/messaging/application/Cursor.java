package org.supportinbox.messaging.application;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import org.supportinbox.messaging.domain.InvalidValueException;

/**
 * Position in a keyset-paged walk, after the row ({@code urgencyRank}, {@code lastMessageAt},
 * {@code id}): {@code urgencyRank} is null in a walk by time only (the inbox by last activity,
 * search). Opaque to clients: base64url of {@code epochMicros:uuid}, or {@code
 * u<rank>:epochMicros:uuid}.
 */
public record Cursor(Integer urgencyRank, Instant lastMessageAt, UUID id) {

  public Cursor(Instant lastMessageAt, UUID id) {
    this(null, lastMessageAt, id);
  }

  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, lastMessageAt);
    String plain = (urgencyRank == null ? "" : "u" + urgencyRank + ":") + micros + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  /** Reads a cursor a previous page returned; anything else is a 400 naming {@code cursor}. */
  public static Cursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
      Integer rank = null;
      if (plain.startsWith("u")) {
        int end = plain.indexOf(':');
        rank = Integer.parseInt(plain.substring(1, end));
        if (rank < 0 || rank > 3) {
          throw new IllegalArgumentException("rank " + rank);
        }
        plain = plain.substring(end + 1);
      }
      int colon = plain.indexOf(':');
      long micros = Long.parseLong(plain.substring(0, colon));
      return new Cursor(
          rank,
          Instant.EPOCH.plus(micros, ChronoUnit.MICROS),
          UUID.fromString(plain.substring(colon + 1)));
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  /** This cursor for a walk by urgency ({@code true}) or by time; another walk's is a 400. */
  public Cursor requireWalk(boolean byUrgency) {
    if ((urgencyRank != null) != byUrgency) {
      throw invalid();
    }
    return this;
  }

  private static InvalidValueException invalid() {
    return new InvalidValueException(
        "cursor", "cursor is not one this service returned (use next_cursor as it is)");
  }
}
