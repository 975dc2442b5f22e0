package org.supportinbox.messaging.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.ConversationStatus;

/** Conversations (the port; {@code infrastructure.jpa.JpaConversationRepository} stores them). */
public interface ConversationRepository {

  Conversation find(UUID id);

  /** The conversation, its row locked until the transaction ends, or null. */
  Conversation findForUpdate(UUID id);

  /**
   * Creates an open conversation with this id unless one exists (insert-if-absent, so two first
   * messages racing for one new id both land in it).
   */
  void createIfAbsent(UUID id, String customerName, String customerEmail, Instant at);

  /**
   * Up to {@code limit} conversations, newest activity first, with {@code status} (null: any),
   * after the position ({@code afterAt}, {@code afterId}) when given (keyset pagination).
   */
  List<Conversation> page(ConversationStatus status, Instant afterAt, UUID afterId, int limit);
}
