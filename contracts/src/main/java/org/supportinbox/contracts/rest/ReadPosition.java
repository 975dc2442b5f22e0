package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator's read position in a conversation ({@code PUT /conversations/{id}/read}): every
 * message created at or before {@code readUpTo} counts as read by {@code reader} (the operator's
 * username); {@code unread} customer messages came after it.
 */
public record ReadPosition(UUID conversationId, String reader, Instant readUpTo, int unread) {}
