package org.supportinbox.contracts.rest;

/**
 * How many conversations each view of the inbox holds ({@code GET /conversations/counts}). {@code
 * mine}: open and assigned to the caller (null when messaging was not told who asks); {@code
 * unassigned}: open, no assignee; {@code open}, {@code pending}, {@code snoozed}, {@code resolved}:
 * by status. A count stops at {@code cap}: a view holding more shows {@code cap}, read as "cap or
 * more", so that a count costs the same however large the inbox grows. {@code unread}: of the
 * conversations in mine and unassigned, how many have a customer message the caller has not read
 * (null like {@code mine}); the operator UI shows it in the tab's title.
 */
public record ConversationCounts(
    Long mine,
    long unassigned,
    long open,
    long pending,
    long snoozed,
    long resolved,
    long cap,
    Long unread) {}
