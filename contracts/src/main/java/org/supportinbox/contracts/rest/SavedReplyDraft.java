package org.supportinbox.contracts.rest;

import org.supportinbox.contracts.Required;

/**
 * The body of {@code POST /saved-replies} (gateway and messaging alike): a new saved reply for the
 * team's library. {@code body} may hold the placeholders {@code {{customer.name}}} and {@code
 * {{operator.name}}}, which the composer fills in. The author comes from the caller's token, never
 * from the body.
 */
public record SavedReplyDraft(
    @Required String title, @Required String shortcut, @Required String body) {}
