package org.supportinbox.contracts.rest;

/**
 * The body of {@code PATCH /saved-replies/{id}} (gateway and messaging alike): fields left out stay
 * as they are; none may be {@code null}. The editor comes from the caller's token.
 */
public record SavedReplyChange(String title, String shortcut, String body) {}
