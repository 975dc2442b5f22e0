package org.supportinbox.messaging.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.ConversationStatus;
import org.supportinbox.contracts.Sender;

/** A conversation's snooze: set, ended by time once, by a customer's message or another status. */
class SnoozeTest {

  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  /**
   * An open conversation (the service creates rows by native upsert; here by the JPA constructor).
   */
  private static Conversation conversation() {
    Conversation c = new Conversation();
    c.changeStatus(ConversationStatus.OPEN, T0);
    return c;
  }

  @Test
  void wakesOnceWhenDueAndNotBefore() {
    Conversation c = conversation();
    c.snooze(T0.plusSeconds(60), T0);
    assertEquals(ConversationStatus.SNOOZED, c.status());
    assertFalse(c.wake(T0.plusSeconds(59)));
    assertEquals(ConversationStatus.SNOOZED, c.status());
    assertTrue(c.wake(T0.plusSeconds(60)));
    assertEquals(ConversationStatus.OPEN, c.status());
    assertNull(c.snoozedUntil());
    assertFalse(c.wake(T0.plusSeconds(61)), "a second wake-up does nothing");
  }

  @Test
  void aCustomersMessageOrAnotherStatusEndsIt() {
    Conversation c = conversation();
    c.snooze(T0.plusSeconds(3600), T0);
    assertTrue(
        c.messageAdded(
            new Message(UUID.randomUUID(), Sender.CUSTOMER, "Ann", "hi", null, false, T0)));
    assertEquals(ConversationStatus.OPEN, c.status());
    assertNull(c.snoozedUntil());

    c.snooze(T0.plusSeconds(3600), T0);
    c.changeStatus(ConversationStatus.RESOLVED, T0);
    assertNull(c.snoozedUntil());
  }

  @Test
  void aSnoozeIsInTheFutureAndNeedsItsTime() {
    Conversation c = conversation();
    assertThrows(InvalidValueException.class, () -> c.snooze(T0, T0));
    assertThrows(InvalidValueException.class, () -> c.changeStatus(ConversationStatus.SNOOZED, T0));
  }
}
