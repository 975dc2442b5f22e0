package org.supportinbox.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginFailureTest {

  private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
  private static final Duration DECAY = Duration.ofMinutes(10);

  @Test
  void theLockDoublesFromTheFreeFailuresOnUpToTheMaximum() {
    LoginFailure f = new LoginFailure("eve", "192.0.2.1", T);
    Duration max = Duration.ofSeconds(10);
    for (int i = 0; i < 4; i++) {
      assertFalse(f.failed(T, 5, max, DECAY));
    }
    assertEquals(Duration.ZERO, f.lockedFor(T));
    assertTrue(f.failed(T, 5, max, DECAY), "the fifth failure locks");
    assertEquals(Duration.ofSeconds(1), f.lockedFor(T));
    assertFalse(f.failed(T, 5, max, DECAY), "a longer lock of a locked name is no new lock");
    assertEquals(Duration.ofSeconds(2), f.lockedFor(T));
    f.failed(T, 5, max, DECAY);
    assertEquals(Duration.ofSeconds(4), f.lockedFor(T));
    f.failed(T, 5, max, DECAY);
    f.failed(T, 5, max, DECAY);
    assertEquals(max, f.lockedFor(T));
    assertEquals(Duration.ZERO, f.lockedFor(T.plus(max)));
  }

  /**
   * The finding: one wrong guess every 15 minutes kept an account locked forever, because failures
   * never decayed. With a decay of one failure per 10 minutes such a trickle never reaches a lock.
   */
  @Test
  void aSlowTrickleOfGuessesNeverLocks() {
    LoginFailure f = new LoginFailure("admin", "192.0.2.1", T);
    Instant at = T;
    for (int i = 0; i < 1_000; i++) {
      assertFalse(f.failed(at, 5, Duration.ofMinutes(15), DECAY), "guess " + i);
      assertEquals(Duration.ZERO, f.lockedFor(at));
      at = at.plus(Duration.ofMinutes(15));
    }
  }

  @Test
  void failuresDecayOneEveryDecayInterval() {
    LoginFailure f = new LoginFailure("eve", "192.0.2.1", T);
    for (int i = 0; i < 3; i++) {
      f.failed(T, 5, Duration.ofMinutes(15), DECAY);
    }
    assertEquals(3, f.failuresAt(T, DECAY));
    assertEquals(3, f.failuresAt(T.plus(DECAY).minusSeconds(1), DECAY));
    assertEquals(2, f.failuresAt(T.plus(DECAY), DECAY));
    assertEquals(0, f.failuresAt(T.plus(DECAY.multipliedBy(3)), DECAY));
    assertEquals(DECAY.multipliedBy(3), f.clearsIn(T, DECAY));
    assertEquals(Duration.ZERO, f.clearsIn(T.plus(DECAY.multipliedBy(3)), DECAY));
    // A failure after some decay counts on from what was left.
    f.failed(T.plus(DECAY), 5, Duration.ofMinutes(15), DECAY);
    assertEquals(3, f.failuresAt(T.plus(DECAY), DECAY));
  }
}
