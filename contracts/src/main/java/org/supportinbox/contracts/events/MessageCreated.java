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
 * @param aiContext what the AI function reads the message in, so that it need not ask messaging for
 *     it: only on a message messaging analyses ({@code AI_ANALYZE_SENDERS}, not a note), and only
 *     when it fits {@link AiContext}'s bounds and is settled; null otherwise (since schema version
 *     6; absent, so null, in older events)
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
    List<AttachmentView> attachments,
    AiContext aiContext) {

  public static final String TYPE = "message.created";
  public static final int SCHEMA_VERSION = 6;

  /**
   * The context messaging's {@code GET /messages/{id}/context?limit=}{@value #MAX_MESSAGES} would
   * answer for the message when the event is written: its earlier messages (never a note), oldest
   * first, and the conversation summary of the latest earlier insight that has one.
   *
   * <p>Bounded: at most {@value #MAX_MESSAGES} messages of at most {@value #MAX_TEXT} code points
   * each (a sender name is at most 200), and a summary of at most 600. Messaging leaves the whole
   * context out (null) rather than cut a text, so a reader never analyses less than the {@code GET}
   * gives: when an earlier message in the window is longer, and when an earlier message's insight
   * is still {@code processing} (the summary to update is not written yet).
   *
   * @param window the number of earlier messages looked for ({@value #MAX_MESSAGES}); {@code
   *     previous} holds fewer only when the conversation has no more
   * @param previous the earlier messages, oldest first
   * @param conversationSummary null when no earlier insight has one
   */
  public record AiContext(int window, List<Message> previous, String conversationSummary) {

    /** The most earlier messages carried: the analysis's default context size. */
    public static final int MAX_MESSAGES = 6;

    /** The longest earlier message carried, in code points. */
    public static final int MAX_TEXT = 2_000;

    /**
     * An earlier message as the analysis reads it.
     *
     * @param sender {@code customer} or {@code operator}
     * @param senderName null when none was given
     */
    public record Message(String sender, String senderName, String content) {}
  }

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
      List<AttachmentView> attachments,
      AiContext aiContext) {
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
        attachments,
        aiContext);
  }
}
