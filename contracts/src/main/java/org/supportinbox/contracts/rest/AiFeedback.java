package org.supportinbox.contracts.rest;

import org.supportinbox.contracts.Required;

/**
 * The body of {@code POST /messages/{id}/feedback} (gateway and messaging alike): what the operator
 * did with the message's AI insight. The operator comes from the token, never from the body.
 *
 * @param action one of {@link org.supportinbox.contracts.FeedbackAction}'s wire forms ({@code
 *     sent_as_is}, {@code edited}, {@code dismissed}, {@code correct_intent}, {@code
 *     correct_sentiment}, {@code correct_urgency})
 * @param editRatio for {@code edited} only, and required there: the normalised Levenshtein distance
 *     between the suggestion and the text sent, in {@code (0, 1]} (0 would be {@code sent_as_is})
 * @param value for the {@code correct_*} actions only, and required there: the right intent,
 *     sentiment or urgency (the wire form of contracts' {@code Intent}, {@code Sentiment}, {@code
 *     Urgency})
 */
public record AiFeedback(@Required String action, Double editRatio, String value) {}
