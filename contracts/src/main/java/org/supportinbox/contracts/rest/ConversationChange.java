package org.supportinbox.contracts.rest;

/**
 * The body of {@code PATCH /conversations/{id}} (gateway and messaging alike): {@code {status?,
 * assignee?, snoozed_until?}}. A field left out stays as it is; {@code "assignee": null} unassigns.
 * {@code snoozed_until} (an instant, in the future) goes with {@code "status": "snoozed"} and only
 * with it.
 */
public record ConversationChange(String status, String assignee, String snoozedUntil) {}
