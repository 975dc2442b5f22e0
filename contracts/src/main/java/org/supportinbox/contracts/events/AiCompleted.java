package org.supportinbox.contracts.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.InsightSource;

/**
 * The AI analysis of a message reached a terminal state and is stored. Published by the AI function
 * that stored it, with publisher confirms, after messaging accepted the insight; the gateway pushes
 * it to operators. A redelivered {@code message.created} re-publishes it, so consumers see it at
 * least once and treat it as a state, not a delta.
 *
 * @param status {@code available} or {@code unavailable}
 * @param ai the insight when {@code available}; its {@code error} says why when {@code unavailable}
 *     (schema 2 added its optional {@code language}, schema 3 its optional {@code sources}, {@code
 *     reply_basis} and {@code conversation_summary})
 */
public record AiCompleted(
    UUID eventId,
    String eventType,
    Instant occurredAt,
    int schemaVersion,
    UUID conversationId,
    UUID messageId,
    String status,
    Ai ai) {

  public static final String TYPE = "ai.completed";
  public static final int SCHEMA_VERSION = 3;

  /**
   * The output contract as stored; vocabulary fields hold wire values.
   *
   * @param language the customer's language, ISO 639-1 ({@code de}); null when unknown (since
   *     schema 2)
   * @param sources the knowledge-base passages the reply was grounded in, best first; empty when
   *     none (since schema 3)
   * @param replyBasis {@code knowledge}, {@code macro} or {@code model}; null when unknown (since
   *     schema 3)
   * @param conversationSummary the whole conversation up to this message, in the team's language;
   *     null when none was written (since schema 3)
   */
  public record Ai(
      String intent,
      String summary,
      String suggestedReply,
      String sentiment,
      String urgency,
      String model,
      String error,
      String language,
      List<InsightSource> sources,
      String replyBasis,
      String conversationSummary) {}

  public static AiCompleted of(UUID conversationId, UUID messageId, String status, Ai ai) {
    return new AiCompleted(
        UUID.randomUUID(),
        TYPE,
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        SCHEMA_VERSION,
        conversationId,
        messageId,
        status,
        ai);
  }
}
