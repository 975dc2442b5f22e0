package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.supportinbox.contracts.events.MessageCreated;

/**
 * A message as its customer may see it, on every path (REST answers, socket frames, the ack of a
 * socket {@code send}): no AI insight, nothing internal. This record is the one definition of what
 * a customer sees of a message; nothing reaches a customer's browser but its fields, and nothing of
 * an operators' note ({@code internal}) at all.
 *
 * @param clientMessageId the sender's idempotency key; null when none was sent
 * @param attachments the message's files as metadata, for the customer's download route; empty when
 *     none
 */
public record CustomerMessageView(
    UUID id,
    UUID conversationId,
    String sender,
    String senderName,
    String content,
    String clientMessageId,
    Instant createdAt,
    List<AttachmentView> attachments) {

  /** What a customer sees of a stored message. */
  public static CustomerMessageView of(MessageView m) {
    return new CustomerMessageView(
        m.id(),
        m.conversationId(),
        m.sender(),
        m.senderName(),
        m.content(),
        m.clientMessageId(),
        m.createdAt(),
        m.attachments() == null ? List.of() : m.attachments());
  }

  /**
   * What a customer sees of a {@code message.created} event: the message, or nothing for an
   * operators' note.
   */
  public static Optional<CustomerMessageView> visible(MessageCreated e) {
    if (e.internal()) {
      return Optional.empty();
    }
    return Optional.of(
        new CustomerMessageView(
            e.messageId(),
            e.conversationId(),
            e.sender(),
            e.senderName(),
            e.content(),
            e.clientMessageId(),
            e.createdAt(),
            e.attachments() == null ? List.of() : e.attachments()));
  }
}
