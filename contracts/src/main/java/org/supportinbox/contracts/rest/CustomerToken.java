package org.supportinbox.contracts.rest;

/**
 * A renewed customer token ({@code POST /customer/token}): the same conversation, a fresh lifetime
 * of {@code expiresIn} seconds. The widget renews its token before it expires, so that a customer
 * who comes back to the site the next day still has the chat.
 */
public record CustomerToken(String customerToken, long expiresIn) {}
