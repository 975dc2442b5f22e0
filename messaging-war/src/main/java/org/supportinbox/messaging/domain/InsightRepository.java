package org.supportinbox.messaging.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** AI insights, one per message (the port; {@code JpaInsightRepository} stores them). */
public interface InsightRepository {

  AiInsight find(UUID messageId);

  /** The insight, its row locked until the transaction ends, or null. */
  AiInsight findForUpdate(UUID messageId);

  void add(AiInsight insight);

  /**
   * Inserts a {@code processing} insight for {@code message} unless it has one; returns whether it
   * did. Insert-if-absent, then the caller locks the row: concurrent calls for one message
   * serialise on it instead of failing on the primary key.
   */
  boolean addProcessingIfAbsent(Message message, Instant at);

  /** The insights of these messages, by message id. */
  Map<UUID, AiInsight> ofMessages(Collection<UUID> messageIds);

  /**
   * The conversation summary of the latest insight of {@code message}'s conversation, among the
   * messages stored before it (thread order: {@code created_at}, then {@code id}), that has one;
   * null when none has.
   */
  String summaryBefore(Message message);

  /** The insights of the conversation's messages, by message id. */
  Map<UUID, AiInsight> ofConversation(UUID conversationId);
}
