package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the inbox list. {@code latestIntent}/{@code latestUrgency} come from the insight of
 * the latest customer message and are null until it is available. {@code snoozedUntil} is set while
 * the status is {@code snoozed}, null otherwise. {@code unread}: how many customer messages came
 * after the reader's read position ({@code PUT /conversations/{id}/read}), when the list was asked
 * for a reader (the gateway asks for the operator), else null. {@code channel}: {@code chat} or
 * {@code email}.
 */
public record ConversationSummary(
    UUID conversationId,
    String status,
    CustomerView customer,
    String assignee,
    Instant snoozedUntil,
    Instant createdAt,
    Instant updatedAt,
    Instant lastMessageAt,
    String lastMessagePreview,
    String lastMessageSender,
    String latestIntent,
    String latestUrgency,
    Integer unread,
    String channel) {}
