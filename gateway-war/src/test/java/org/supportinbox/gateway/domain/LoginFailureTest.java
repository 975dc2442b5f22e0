package org.supportinbox.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginFailureTest {

  @Test
  void theLockDoublesFromTheFreeFailuresOnUpToTheMaximum() {
    LoginFailure f = new LoginFailure("eve");
    Instant t = Instant.parse("2026-11-25T10:00:00Z");
    Duration max = Duration.ofSeconds(10);
    for (int i = 0; i < 4; i++) {
      f.failed(t, 5, max);
    }
    assertEquals(Duration.ZERO, f.lockedFor(t));
    f.failed(t, 5, max);
    assertEquals(Duration.ofSeconds(1), f.lockedFor(t));
    f.failed(t, 5, max);
    assertEquals(Duration.ofSeconds(2), f.lockedFor(t));
    f.failed(t, 5, max);
    assertEquals(Duration.ofSeconds(4), f.lockedFor(t));
    f.failed(t, 5, max);
    f.failed(t, 5, max);
    assertEquals(max, f.lockedFor(t));
    assertEquals(Duration.ZERO, f.lockedFor(t.plus(max)));
  }
}
