package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.Mentions;
import org.supportinbox.contracts.events.AiRequested;
import org.supportinbox.contracts.events.MessageCreated;

/**
 * A stored message; {@code ai} is null for messages that are not analysed.
 *
 * @param internal an operators' note: shown to the team only, never to the customer, never analysed
 * @param delivery the mail of an operator's reply in an email conversation; null for every other
 *     message
 * @param attachments the message's files as metadata (never the bytes), in the order they were
 *     attached; empty when none (null from a sender older than attachments)
 */
public record MessageView(
    UUID id,
    UUID conversationId,
    String sender,
    String senderName,
    String content,
    String clientMessageId,
    boolean internal,
    Instant createdAt,
    AiInsightView ai,
    EmailDeliveryView delivery,
    List<AttachmentView> attachments) {

  /**
   * The {@code message.created} event of this message, just stored (a fresh event id, occurred
   * now). The event is made from the view here, not where it is published, so a field the two share
   * is passed on in this one place.
   *
   * @param aiContext what the AI function reads the message in, or null (see {@link
   *     MessageCreated#aiContext()})
   */
  public MessageCreated created(MessageCreated.AiContext aiContext) {
    return MessageCreated.of(
        conversationId,
        id,
        sender,
        senderName,
        content,
        clientMessageId,
        internal,
        internal ? Mentions.in(content) : List.of(),
        createdAt,
        attachments == null ? List.of() : attachments,
        aiContext);
  }

  /** The {@code ai.requested} event of this message, asked for by {@code requestedBy}. */
  public AiRequested reanalysisRequested(String requestedBy) {
    return AiRequested.of(conversationId, id, sender, senderName, content, createdAt, requestedBy);
  }
}
