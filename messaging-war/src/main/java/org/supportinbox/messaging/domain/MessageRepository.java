package org.supportinbox.messaging.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.supportinbox.contracts.Sender;

/** Messages (the port; {@code infrastructure.jpa.JpaMessageRepository} stores them). */
public interface MessageRepository {

  Message find(UUID id);

  void add(Message message);

  /**
   * Stores {@code message} unless its idempotency key is taken in its conversation, and with it, in
   * the same statement, {@code insight} (null: none) and {@code conversation}'s state after {@link
   * Conversation#messageAdded}: one round trip for what the storing transaction writes but its
   * events. The caller holds the conversation's row lock. Returns false, having written nothing,
   * when the key was taken: {@link #byClientId} then finds the earlier message.
   */
  boolean addIfNew(Message message, AiInsight insight, Conversation conversation);

  /** The message stored under this idempotency key in this conversation, if any. */
  Optional<Message> byClientId(UUID conversationId, String clientMessageId);

  /**
   * Waits, until the transaction ends, for any other transaction that works on the mail {@code
   * emailMessageId} (a PostgreSQL advisory transaction lock on its hash).
   */
  void lockMailId(String emailMessageId);

  /** The message that came in or went out as the mail {@code emailMessageId}, if any. */
  Optional<Message> byEmailMessageId(String emailMessageId);

  /**
   * Of {@code ids} (mail Message-IDs), the conversation of the one listed last that is a message
   * here: the mail a reply answers is the last of its References and its In-Reply-To.
   */
  Optional<UUID> conversationOfMail(List<String> ids);

  /** The conversation's mail ids (in and out), oldest first. */
  List<String> mailIds(UUID conversationId);

  /** Every message of the conversation, in the thread's order (created, then id). */
  List<Message> ofConversation(UUID conversationId);

  /**
   * Up to {@code limit} messages of the conversation stored before {@code message}, newest first;
   * no operators' notes (this is what the AI reads as the conversation so far).
   */
  List<Message> before(Message message, int limit);

  /**
   * What the AI reads {@code message} in, in one statement: the sender, name and text of up to
   * {@code limit} messages stored before it, as {@link #before} chooses them, and {@link
   * InsightRepository#summaryBefore} when it is settled. Nothing of it is loaded as an entity (the
   * storing transaction asks this for every analysed message).
   */
  ContextBefore contextBefore(Message message, int limit);

  /** An earlier message as the AI reads it. */
  record Earlier(Sender sender, String senderName, String content) {}

  /**
   * {@link #contextBefore}'s answer: the earlier messages newest first, and the summary: empty when
   * an insight of a message stored before {@code message} and after the one whose summary it is is
   * still {@code processing} (its analysis will write the summary to update next); otherwise the
   * summary, null inside when there is none.
   */
  record ContextBefore(List<Earlier> newestFirst, Optional<Optional<String>> settledSummary) {}
}
