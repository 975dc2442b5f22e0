package org.supportinbox.gateway.application;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void aKeyGetsItsAllowanceThenWaits() {
    RateLimiter limiter = new RateLimiter("logins", 3);
    for (int i = 0; i < 3; i++) {
      limiter.acquire("10.0.0.1");
    }
    RateLimitedException e =
        assertThrows(RateLimitedException.class, () -> limiter.acquire("10.0.0.1"));
    assertTrue(e.retryAfterSeconds() >= 1 && e.retryAfterSeconds() <= 20, e.getMessage());
  }

  @Test
  void keysAreIndependent() {
    RateLimiter limiter = new RateLimiter("logins", 1);
    limiter.acquire("a");
    assertDoesNotThrow(() -> limiter.acquire("b"));
    assertThrows(RateLimitedException.class, () -> limiter.acquire("a"));
  }

  /**
   * The finding: past 100,000 keys every bucket was cleared at once, so flooding the limiter with
   * fresh keys gave every client, the flooder's own included, a fresh allowance. Now keys are
   * evicted one by one and a busy key keeps its spent bucket.
   */
  @Test
  void floodingWithNewKeysNeverResetsABusyKey() {
    RateLimiter limiter = new RateLimiter("messages", 2);
    limiter.acquire("attacker");
    limiter.acquire("attacker");
    for (int i = 0; i < RateLimiter.MAX_KEYS + 20_000; i++) {
      try {
        limiter.acquire("fresh-" + i);
      } catch (RateLimitedException e) {
        throw new AssertionError("a fresh key is limited", e);
      }
      if (i % 100 == 0) {
        // The busy key keeps being used, as an attacker's own would.
        assertThrows(RateLimitedException.class, () -> limiter.acquire("attacker"), "at " + i);
      }
    }
    assertTrue(limiter.size() <= RateLimiter.MAX_KEYS, "size " + limiter.size());
  }
}
