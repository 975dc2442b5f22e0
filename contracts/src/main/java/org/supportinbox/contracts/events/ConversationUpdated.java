package org.supportinbox.contracts.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A conversation's status or assignee changed ({@code PATCH /conversations/{id}}, a customer's
 * message reopening it, a snooze ending). Published by messaging through its outbox; the gateway
 * pushes it to operators. Schema 2 added {@code snoozed_until} (set while the status is {@code
 * snoozed}).
 */
public record ConversationUpdated(
    UUID eventId,
    String eventType,
    Instant occurredAt,
    int schemaVersion,
    UUID conversationId,
    String status,
    String assignee,
    Instant snoozedUntil,
    Instant updatedAt) {

  public static final String TYPE = "conversation.updated";
  public static final int SCHEMA_VERSION = 2;

  public static ConversationUpdated of(
      UUID conversationId,
      String status,
      String assignee,
      Instant snoozedUntil,
      Instant updatedAt) {
    return new ConversationUpdated(
        UUID.randomUUID(),
        TYPE,
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        SCHEMA_VERSION,
        conversationId,
        status,
        assignee,
        snoozedUntil,
        updatedAt);
  }
}
