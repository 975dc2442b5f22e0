package org.supportinbox.chaos;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Progress lines on stderr, so that stdout holds only the timeline and the ledger. */
final class Log {

  private Log() {}

  static void say(String line) {
    System.err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " chaos: " + line);
  }
}
