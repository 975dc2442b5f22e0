package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * A reviewed intent correction: a customer message's text and the intent an admin approved (or
 * rejected) for it. Approved ones are the embedded classifier's learned examples. The answer of
 * {@code PUT /ai-quality/corrections/{message_id}} and the items of {@code GET /ai/examples}.
 *
 * @param seq the feed's position of this decision: each decision gets a higher one than every
 *     decision committed before it, so {@code GET /ai/examples?after=seq} misses none
 * @param intent the corrected intent (wire form of contracts' {@code Intent})
 * @param text the message's text (the whole of it, as stored)
 * @param language the insight's language at the time of the review (ISO 639-1), or null
 * @param status {@code approved} or {@code rejected}
 * @param reviewedBy the token's subject (user name) of the admin
 */
public record AiExample(
    long seq,
    UUID messageId,
    String intent,
    String text,
    String language,
    String status,
    String reviewedBy,
    Instant reviewedAt) {}
