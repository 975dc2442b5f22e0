package org.supportinbox.contracts.rest;

/**
 * The body of {@code PATCH /conversations/{id}} (gateway and messaging alike): {@code {status?,
 * assignee?}}. A field left out stays as it is; {@code "assignee": null} unassigns.
 */
public record ConversationChange(String status, String assignee) {}
