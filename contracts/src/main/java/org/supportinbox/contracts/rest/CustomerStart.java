package org.supportinbox.contracts.rest;

import java.util.UUID;

/**
 * The answer to {@code POST /customer/conversations}: the new conversation, the customer's token
 * for it, and the first message as the customer sees it.
 */
public record CustomerStart(
    UUID conversationId, String customerToken, CustomerMessageView message) {}
