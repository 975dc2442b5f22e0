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
}
