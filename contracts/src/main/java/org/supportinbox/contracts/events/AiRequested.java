package org.supportinbox.contracts.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Someone asked for a message to be analysed again ({@code POST /messages/{id}/reanalyze}); its
 * insight is back to {@code processing}. Published by messaging through its outbox once that is
 * committed. The fields are those of {@link MessageCreated} plus {@code requestedBy}, so a consumer
 * that analyses messages handles both events with one code path.
 *
 * @param requestedBy the subject ({@code sub}) of the token that asked: an operator's username, or
 *     a service's name
 * @param schemaVersion bumped only by additive changes; a breaking change is a new event type
 */
public record AiRequested(
    UUID eventId,
    String eventType,
    Instant occurredAt,
    int schemaVersion,
    UUID conversationId,
    UUID messageId,
    String sender,
    String senderName,
    String content,
    Instant createdAt,
    String requestedBy) {

  public static final String TYPE = "ai.requested";
  public static final int SCHEMA_VERSION = 1;

  /**
   * A new event (fresh id, occurred now, in microseconds like every stored timestamp) for a stored
   * message whose analysis {@code requestedBy} has just asked for.
   */
  public static AiRequested of(
      UUID conversationId,
      UUID messageId,
      String sender,
      String senderName,
      String content,
      Instant createdAt,
      String requestedBy) {
    return new AiRequested(
        UUID.randomUUID(),
        TYPE,
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        SCHEMA_VERSION,
        conversationId,
        messageId,
        sender,
        senderName,
        content,
        createdAt,
        requestedBy);
  }
}
