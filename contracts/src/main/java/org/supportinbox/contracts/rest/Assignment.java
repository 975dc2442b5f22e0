package org.supportinbox.contracts.rest;

/**
 * A {@code PATCH /conversations/{id}} body that changes the assignee only: {@link
 * ConversationChange} with its other fields absent (written as null they would mean "change to
 * null"). The gateway's round-robin auto-assignment sends it.
 */
public record Assignment(String assignee) {}
