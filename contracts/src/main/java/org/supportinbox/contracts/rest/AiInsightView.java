package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.List;
import org.supportinbox.contracts.InsightSource;

/**
 * The AI analysis of one message, in whatever state it is. Fields not yet known are null.
 *
 * @param language the customer's language, ISO 639-1 ({@code de}); null when unknown or unsure
 * @param sources the knowledge-base passages the suggested reply was grounded in, best first; empty
 *     when none
 * @param replyBasis {@code knowledge}, {@code macro} or {@code model} ({@code ReplyBasis}); null
 *     when unknown
 * @param conversationSummary the whole conversation up to this message (what the customer wants,
 *     what was done, what is open), in the team's language; null when none was written
 */
public record AiInsightView(
    String status,
    String intent,
    String summary,
    String suggestedReply,
    String sentiment,
    String urgency,
    String model,
    int attempts,
    String error,
    Long latencyMs,
    Instant createdAt,
    Instant updatedAt,
    String language,
    List<InsightSource> sources,
    String replyBasis,
    String conversationSummary) {}
