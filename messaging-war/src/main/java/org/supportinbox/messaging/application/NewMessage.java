package org.supportinbox.messaging.application;

import java.util.UUID;
import org.supportinbox.contracts.Sender;

/**
 * A message to store, validated by the REST layer.
 *
 * @param conversationId null to start a new conversation
 * @param customerEmail used only when a customer message creates the conversation
 */
public record NewMessage(
    UUID conversationId,
    Sender sender,
    String senderName,
    String customerEmail,
    String content,
    String clientMessageId) {}
