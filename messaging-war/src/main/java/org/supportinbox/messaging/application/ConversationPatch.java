package org.supportinbox.messaging.application;

import org.supportinbox.contracts.ConversationStatus;

/**
 * Changes to a conversation. {@code assigneeGiven} tells "set assignee to null" (unassign) from
 * "leave the assignee alone".
 */
public record ConversationPatch(
    ConversationStatus status, boolean assigneeGiven, String assignee) {}
