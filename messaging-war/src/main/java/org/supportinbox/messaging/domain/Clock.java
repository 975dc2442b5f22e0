package org.supportinbox.messaging.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The service's notion of now: microseconds, PostgreSQL's timestamptz precision. */
public final class Clock {

  private Clock() {}

  /** Now, truncated so the value read back from the database is equal to the one written. */
  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
