package org.supportinbox.contracts.rest;

import java.util.UUID;
import org.supportinbox.contracts.Required;

/**
 * The body of the gateway's {@code POST /messages}: an operator's reply, or with {@code internal:
 * true} a note for the team that the customer never sees. Sender and name come from the operator's
 * token, never from the body.
 */
public record OperatorReply(
    @Required UUID conversationId,
    @Required String content,
    String clientMessageId,
    Boolean internal) {}
