package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * One operator's feedback of one kind on one message's AI insight, as stored: with the insight's
 * model and its intent, sentiment and urgency at the time (what a correction corrected).
 *
 * @param operator the token's subject (user name) of the operator who gave it
 * @param kind {@code reply}, {@code intent}, {@code sentiment} or {@code urgency}
 * @param editRatio 0 for {@code sent_as_is}, the ratio for {@code edited}, null otherwise
 * @param value the corrected value for a correction, null otherwise
 */
public record FeedbackView(
    UUID messageId,
    UUID conversationId,
    String operator,
    String kind,
    String action,
    Double editRatio,
    String value,
    String model,
    String intent,
    String sentiment,
    String urgency,
    Instant recordedAt) {}
