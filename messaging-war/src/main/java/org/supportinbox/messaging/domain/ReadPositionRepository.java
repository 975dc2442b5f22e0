package org.supportinbox.messaging.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Operators' read positions (the port; {@code infrastructure.jpa.JpaReadPositionRepository} stores
 * them): per reader and conversation, everything created at or before a moment counts as read.
 */
public interface ReadPositionRepository {

  /**
   * Moves the reader's position in the conversation to {@code upTo} unless it is there or further
   * already (two tabs marking at once, or an older mark arriving late, never move it back).
   *
   * @return whether it moved (only then is there something to tell the reader's other tabs)
   */
  boolean advance(String reader, UUID conversationId, Instant upTo, Instant now);

  /** The reader's position in the conversation, or null when the reader never read it. */
  Instant position(String reader, UUID conversationId);

  /**
   * For each of these conversations that has any, how many customer messages came after the
   * reader's position (all of them when the reader has none); conversations without are left out.
   */
  Map<UUID, Integer> unread(String reader, Collection<UUID> conversationIds);

  /**
   * How many open conversations assigned to the reader or to no one have a customer message after
   * the reader's position, counting no further than {@code cap}.
   */
  long unreadConversations(String reader, long cap);
}
