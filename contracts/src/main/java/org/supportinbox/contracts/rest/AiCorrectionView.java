package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * A correction of an insight's field, as the AI quality screen lists it.
 *
 * @param excerpt the start of the message's text (at most 140 characters)
 * @param kind {@code intent}, {@code sentiment} or {@code urgency}
 * @param from the insight's value when it was corrected
 * @param to the operator's value
 * @param operator the token's subject (user name) of the operator who corrected it
 * @param language the insight's language (ISO 639-1) when it was corrected, or null
 * @param review for an intent correction: {@code approved} or {@code rejected} when an admin has
 *     decided on this message and intent ({@code PUT /ai-quality/corrections/{message_id}}), {@code
 *     pending} otherwise; null for sentiment and urgency, which are not reviewed
 */
public record AiCorrectionView(
    UUID messageId,
    UUID conversationId,
    String excerpt,
    String kind,
    String from,
    String to,
    String operator,
    String model,
    Instant at,
    String language,
    String review) {}
