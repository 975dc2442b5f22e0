package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One conversation with all its messages in created order: the thread the UI shows.
 *
 * @param channel where it started and where replies go: {@code chat} or {@code email} (a {@code
 *     Channel})
 */
public record ConversationView(
    UUID conversationId,
    String status,
    CustomerView customer,
    String assignee,
    Instant snoozedUntil,
    Instant createdAt,
    Instant updatedAt,
    Instant lastMessageAt,
    List<MessageView> messages,
    String channel) {}
