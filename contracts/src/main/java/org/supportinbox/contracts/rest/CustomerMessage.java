package org.supportinbox.contracts.rest;

import org.supportinbox.contracts.Required;

/**
 * The body of the gateway's {@code POST /customer/messages}: a message into the token's own
 * conversation.
 */
public record CustomerMessage(@Required String content, String clientMessageId) {}
