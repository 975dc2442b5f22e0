package org.supportinbox.contracts.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * An operator's read position in a conversation moved forward ({@code PUT
 * /conversations/{id}/read}): everything created at or before {@code readUpTo} is read by {@code
 * reader} (the operator's username). Published by messaging through its outbox; the gateway pushes
 * it to that operator's own sockets only, so every tab and device of the operator clears its unread
 * count, and no one else learns what the operator read.
 */
public record ConversationRead(
    UUID eventId,
    String eventType,
    Instant occurredAt,
    int schemaVersion,
    UUID conversationId,
    String reader,
    Instant readUpTo) {

  public static final String TYPE = "conversation.read";
  public static final int SCHEMA_VERSION = 1;

  public static ConversationRead of(UUID conversationId, String reader, Instant readUpTo) {
    return new ConversationRead(
        UUID.randomUUID(),
        TYPE,
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        SCHEMA_VERSION,
        conversationId,
        reader,
        readUpTo);
  }
}
