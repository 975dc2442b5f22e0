package org.supportinbox.contracts.rest;

/**
 * An active operator as every operator sees them ({@code GET /team}): whom a conversation can be
 * assigned to, and the name to show for a user name.
 */
public record TeamMember(String username, String displayName) {}
