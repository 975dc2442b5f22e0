package org.supportinbox.gateway.application;

import java.time.Duration;

/** Too many failed logins for one user name: try again after {@link #retryAfter()}. */
public class LockedOutException extends RuntimeException {

  private final Duration retryAfter;

  public LockedOutException(Duration retryAfter) {
    super("too many failed logins for this user name; try again in " + seconds(retryAfter) + " s");
    this.retryAfter = retryAfter;
  }

  public long retryAfterSeconds() {
    return seconds(retryAfter);
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
