package org.supportinbox.messaging.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.DeliveryKind;
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

  @Test
  void aLapsedClaimIsQueuedAgainNamingItsHolder() {
    EmailDelivery d = queued();
    assertTrue(d.claim("mail-function#a1", T0, LEASE));
    assertFalse(d.lapse(T0.plusSeconds(119), 25), "the claim still holds");
    assertEquals(DeliveryStatus.SENDING, d.status());
    assertTrue(d.lapse(T0.plusSeconds(150), 25));
    assertEquals(DeliveryStatus.QUEUED, d.status());
    assertEquals(
        "the claim of mail-function#a1 lapsed without a report; queued again", d.lastError());
    assertFalse(d.heldBy("mail-function#a1"));
    assertEquals(1, d.attempts(), "lapsing is no try");
    assertFalse(d.lapse(T0.plusSeconds(160), 25), "queued: nothing to lapse");
    assertTrue(d.claim("mail-function#b2", T0.plusSeconds(161), LEASE));
    assertEquals(2, d.attempts());
  }

  @Test
  void aDeliveryWhoseClaimsKeepLapsingIsGivenUp() {
    EmailDelivery d = queued();
    Instant at = T0;
    for (int i = 0; i < 3; i++) {
      assertTrue(d.claim("r" + i, at, LEASE));
      at = at.plusSeconds(200);
      assertTrue(d.lapse(at, 3));
    }
    assertEquals(DeliveryStatus.FAILED, d.status());
    assertTrue(d.settled());
    assertEquals(
        "gave up after 3 tries: the claim of the last one (r2) lapsed without a report",
        d.lastError());
    assertFalse(d.claim("r9", at.plusSeconds(1), LEASE));
  }

  @Test
  void onlyAClaimLapses() {
    EmailDelivery sent = queued();
    sent.claim("a", T0, LEASE);
    sent.sent(T0.plusSeconds(1));
    assertFalse(sent.lapse(T0.plusSeconds(500), 25));
    assertEquals(DeliveryStatus.SENT, sent.status());
    assertFalse(fallback().lapse(T0.plus(AFTER).plusSeconds(500), 25));
  }

  private static final Duration AFTER = Duration.ofMinutes(5);

  private static EmailDelivery fallback() {
    return EmailDelivery.fallback(
        new Message(UUID.randomUUID(), Sender.OPERATOR, "olga", "hi", null, false, T0), AFTER);
  }

  @Test
  void aFallbackWaitsForItsTime() {
    EmailDelivery d = fallback();
    assertEquals(DeliveryStatus.SCHEDULED, d.status());
    assertEquals(DeliveryKind.FALLBACK, d.kind());
    assertEquals(T0.plus(AFTER), d.dueAt());
    assertFalse(d.claim("a", T0.plus(AFTER).minusMillis(1), LEASE, false));
    assertFalse(d.fallDue(false, T0.plus(AFTER).minusMillis(1)));
    assertEquals(DeliveryStatus.SCHEDULED, d.status());
    assertEquals(0, d.attempts());

    assertTrue(d.fallDue(false, T0.plus(AFTER)));
    assertEquals(DeliveryStatus.QUEUED, d.status());
    assertFalse(d.fallDue(false, T0.plus(AFTER)), "a second alarm does nothing");
    assertTrue(d.claim("a", T0.plus(AFTER), LEASE, false));
    assertEquals(DeliveryStatus.SENDING, d.status());
  }

  @Test
  void aFallbackTheCustomerReadIsNotNeeded() {
    EmailDelivery due = fallback();
    assertTrue(due.fallDue(true, T0.plus(AFTER)));
    assertEquals(DeliveryStatus.NOT_NEEDED, due.status());
    assertTrue(due.settled());
    assertFalse(due.claim("a", T0.plus(AFTER), LEASE, false));

    EmailDelivery early = fallback();
    assertTrue(early.readByCustomer(T0.plusSeconds(10)));
    assertEquals(DeliveryStatus.NOT_NEEDED, early.status());
    assertFalse(early.fallDue(false, T0.plus(AFTER)));
    assertFalse(early.readByCustomer(T0.plusSeconds(11)));

    // Queued, then read before a replica claims it: the claim settles it instead.
    EmailDelivery queued = fallback();
    queued.fallDue(false, T0.plus(AFTER));
    assertFalse(queued.claim("a", T0.plus(AFTER), LEASE, true));
    assertEquals(DeliveryStatus.NOT_NEEDED, queued.status());
    assertEquals(0, queued.attempts());
  }

  @Test
  void oncePickedUpAFallbackGoesAndAnEmailRepliesMailIsNeverSkipped() {
    EmailDelivery sending = fallback();
    sending.fallDue(false, T0.plus(AFTER));
    assertTrue(sending.claim("a", T0.plus(AFTER), LEASE, false));
    assertFalse(sending.readByCustomer(T0.plus(AFTER)));
    assertEquals(DeliveryStatus.SENDING, sending.status());

    EmailDelivery email = queued();
    assertEquals(DeliveryKind.EMAIL, email.kind());
    assertEquals(T0, email.dueAt());
    assertFalse(email.readByCustomer(T0));
    assertFalse(email.fallDue(true, T0));
    assertTrue(email.claim("a", T0, LEASE, true));
  }
}
