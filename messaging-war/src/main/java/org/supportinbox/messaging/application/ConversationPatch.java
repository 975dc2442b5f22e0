package org.supportinbox.messaging.application;

import java.time.Instant;
import org.supportinbox.contracts.ConversationStatus;

/**
 * Changes to a conversation. {@code assigneeGiven} tells "set assignee to null" (unassign) from
 * "leave the assignee alone"; {@code snoozedUntil} goes with the status {@code snoozed}.
 */
public record ConversationPatch(
    ConversationStatus status, boolean assigneeGiven, String assignee, Instant snoozedUntil) {}
