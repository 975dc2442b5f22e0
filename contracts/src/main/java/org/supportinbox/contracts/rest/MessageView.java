package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.UUID;

/** A stored message; {@code ai} is null for messages that are not analysed. */
public record MessageView(
    UUID id,
    UUID conversationId,
    String sender,
    String senderName,
    String content,
    String clientMessageId,
    Instant createdAt,
    AiInsightView ai) {}
