package org.supportinbox.gateway.application;

/** Too many requests of one kind from one client; the REST layer answers 429 with Retry-After. */
public class RateLimitedException extends RuntimeException {

  private final long retryAfterSeconds;

  public RateLimitedException(String what, long retryAfterSeconds) {
    super("too many " + what + "; try again in " + retryAfterSeconds + " s");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
