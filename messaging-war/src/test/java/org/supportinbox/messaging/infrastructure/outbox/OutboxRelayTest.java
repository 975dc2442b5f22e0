package org.supportinbox.messaging.infrastructure.outbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When a relay woken by a commit waits for more commits to share its batch. */
class OutboxRelayTest {

  static long ms(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }

  @Test
  void aCommitThatFindsTheRelayIdleIsPublishedAtOnce() {
    assertFalse(OutboxRelay.lingers(ms(5), 5), "idle exactly the linger");
    assertFalse(OutboxRelay.lingers(ms(200), 5), "a quiet relay");
  }

  @Test
  void aRelayThatJustPublishedWaitsForMoreCommits() {
    assertTrue(OutboxRelay.lingers(0, 5), "commits came in while it published");
    assertTrue(OutboxRelay.lingers(ms(5) - 1, 5));
  }

  @Test
  void noLingerNeverWaits() {
    assertFalse(OutboxRelay.lingers(0, 0));
  }
}
