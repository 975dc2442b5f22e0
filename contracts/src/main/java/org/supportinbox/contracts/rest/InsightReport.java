package org.supportinbox.contracts.rest;

import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.InsightSource;
import org.supportinbox.contracts.Required;

/**
 * The body of messaging's {@code POST /ai-insights}: what an AI function found for one message. The
 * functions build it, messaging reads and validates it (an {@code available} report carries every
 * field of the output contract from the fixed vocabularies; an {@code unavailable} one its {@code
 * error}).
 *
 * @param status {@code processing}, {@code available} or {@code unavailable}
 * @param attempts the delivery attempt that produced it, 1 for the first
 * @param latencyMs time spent in the providers, null when unknown
 * @param language the customer's language as an ISO 639-1 code ({@code de}), null when the text is
 *     too short or unclear to tell; optional, added after the first version
 * @param sources the knowledge-base passages the reply was grounded in, best first (at most 4);
 *     null or empty when none; optional, added with the knowledge base
 * @param replyBasis what the suggested reply was written from ({@code ReplyBasis}: {@code
 *     knowledge}, {@code macro} or {@code model}); null when unknown (older functions) or when
 *     unavailable
 * @param conversationSummary the whole conversation up to this message, for the operator: what the
 *     customer wants, what was done, what is open; in the team's language; null when the analyzer
 *     wrote none; optional, added with the conversation summary
 */
public record InsightReport(
    @Required UUID messageId,
    @Required UUID conversationId,
    @Required String status,
    String intent,
    String summary,
    String suggestedReply,
    String sentiment,
    String urgency,
    String model,
    int attempts,
    String error,
    Long latencyMs,
    String language,
    List<InsightSource> sources,
    String replyBasis,
    String conversationSummary) {}
