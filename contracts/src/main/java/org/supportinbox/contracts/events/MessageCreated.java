package org.supportinbox.contracts.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.rest.AttachmentView;

/**
 * A message was stored. Published by messaging through its outbox once the message is committed.
 *
 * @param clientMessageId the sender's idempotency key, as stored; null when none was sent (since
 *     schema version 2)
 * @param internal an operators' note (since schema version 3): operators get it, customers never,
 *     and it is not analysed
 * @param mentions the user names a note mentions ({@code @name}, contracts' {@code Mentions});
 *     empty for every other message (since schema version 4)
 * @param attachments the message's files as metadata only ({@code id, filename, content_type,
 *     size}), never the bytes; empty when none (since schema version 5; absent, so null, in older
 *     events)
 * @param schemaVersion bumped only by additive changes; a breaking change is a new event type
 */
public record MessageCreated(
    UUID eventId,
    String eventType,
    Instant occurredAt,
    int schemaVersion,
    UUID conversationId,
    UUID messageId,
    String sender,
    String senderName,
    String content,
    String clientMessageId,
    boolean internal,
    List<String> mentions,
    Instant createdAt,
    List<AttachmentView> attachments) {

  public static final String TYPE = "message.created";
  public static final int SCHEMA_VERSION = 5;

  /**
   * A new event (fresh id, occurred now, in microseconds like every stored timestamp) for a message
   * that has just been stored.
   */
  public static MessageCreated of(
      UUID conversationId,
      UUID messageId,
      String sender,
      String senderName,
      String content,
      String clientMessageId,
      boolean internal,
      List<String> mentions,
      Instant createdAt,
      List<AttachmentView> attachments) {
    return new MessageCreated(
        UUID.randomUUID(),
        TYPE,
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        SCHEMA_VERSION,
        conversationId,
        messageId,
        sender,
        senderName,
        content,
        clientMessageId,
        internal,
        mentions,
        createdAt,
        attachments);
  }
}
