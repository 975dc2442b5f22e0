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
    Instant at) {}
