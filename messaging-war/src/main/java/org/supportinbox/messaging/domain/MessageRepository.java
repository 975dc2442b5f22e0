package org.supportinbox.messaging.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Messages (the port; {@code infrastructure.jpa.JpaMessageRepository} stores them). */
public interface MessageRepository {

  Message find(UUID id);

  void add(Message message);

  /** The message stored under this idempotency key in this conversation, if any. */
  Optional<Message> byClientId(UUID conversationId, String clientMessageId);

  /** Every message of the conversation, in the thread's order (created, then id). */
  List<Message> ofConversation(UUID conversationId);

  /**
   * Up to {@code limit} messages of the conversation stored before {@code message}, newest first;
   * no operators' notes (this is what the AI reads as the conversation so far).
   */
  List<Message> before(Message message, int limit);
}
