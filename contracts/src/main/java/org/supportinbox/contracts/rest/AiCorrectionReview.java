package org.supportinbox.contracts.rest;

import org.supportinbox.contracts.Required;

/**
 * The body of {@code PUT /ai-quality/corrections/{message_id}} (gateway and messaging alike): an
 * admin's decision on operators' correction of a message's intent. Approved, the message's text
 * with {@code intent} becomes a labelled example of the embedded classifier ({@link AiExample});
 * rejected, it is not one (or no longer).
 *
 * @param intent the corrected intent the decision is about: the wire form of contracts' {@code
 *     Intent}, and an operator's intent correction of the message must say it
 * @param status {@code approved} or {@code rejected}
 */
public record AiCorrectionReview(@Required String intent, @Required String status) {}
