package org.supportinbox.contracts.rest;

import java.util.UUID;
import org.supportinbox.contracts.Required;

/**
 * The body of the gateway's {@code POST /customer/conversations}: a customer starts a conversation.
 * With a {@code client_message_id} (a random, version 4 UUID) the start may be sent again for a
 * while and answers the same conversation.
 */
public record ConversationStart(
    @Required String name, String email, @Required String content, UUID clientMessageId) {}
