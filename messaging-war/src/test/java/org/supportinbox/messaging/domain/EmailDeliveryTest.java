package org.supportinbox.messaging.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.DeliveryStatus;
import org.supportinbox.contracts.Sender;

/** A reply's mail: one holder at a time, a lease that ends, nothing after sent or failed. */
class EmailDeliveryTest {

  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(120);

  private static EmailDelivery queued() {
    return EmailDelivery.queued(
        new Message(UUID.randomUUID(), Sender.OPERATOR, "olga", "hi", null, false, T0));
  }

  @Test
  void oneHolderUntilTheLeaseEnds() {
    EmailDelivery d = queued();
    assertTrue(d.claim("a", T0, LEASE));
    assertEquals(DeliveryStatus.SENDING, d.status());
    assertFalse(d.claim("b", T0.plusSeconds(119), LEASE));
    assertTrue(d.claim("a", T0.plusSeconds(10), LEASE), "the holder, restarted, takes it again");
    assertTrue(d.claim("b", T0.plusSeconds(131), LEASE), "a lapsed lease goes to another");
    assertTrue(d.heldBy("b"));
    assertFalse(d.heldBy("a"));
    assertEquals(3, d.attempts());
  }

  @Test
  void aRetryKeepsTheReasonAndFreesIt() {
    EmailDelivery d = queued();
    d.claim("a", T0, LEASE);
    d.retry("  421 try later ", T0.plusSeconds(1));
    assertEquals(DeliveryStatus.QUEUED, d.status());
    assertEquals("421 try later", d.lastError());
    assertTrue(d.claim("b", T0.plusSeconds(2), LEASE));
  }

  @Test
  void sentAndFailedAreFinal() {
    EmailDelivery sent = queued();
    sent.claim("a", T0, LEASE);
    sent.sent(T0.plusSeconds(1));
    assertTrue(sent.settled());
    assertNull(sent.lastError());
    assertEquals(T0.plusSeconds(1), sent.sentAt());
    assertFalse(sent.claim("a", T0.plusSeconds(500), LEASE));

    EmailDelivery failed = queued();
    failed.claim("a", T0, LEASE);
    failed.failed("x".repeat(600), T0);
    assertTrue(failed.settled());
    assertEquals(EmailDelivery.MAX_ERROR + 1, failed.lastError().length());
    assertFalse(failed.claim("b", T0.plusSeconds(500), LEASE));
  }
}
