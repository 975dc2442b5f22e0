package org.supportinbox.contracts.rest;

import java.util.List;
import java.util.UUID;

/**
 * What the indexer reads of a conversation for past answers ({@code GET
 * /conversations/{id}/answers}): only the operators' replies to the customer, never a note, never
 * the customer's own text beyond the title.
 *
 * @param status the conversation's status now; only a {@code resolved} one is indexed
 * @param title the first line of the customer's first message, at most 120 characters
 * @param answers the operators' replies (not notes), oldest first
 */
public record ConversationAnswers(
    UUID conversationId, String status, String title, List<String> answers) {}
