package org.supportinbox.messaging.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.ConversationStatus;

/** Full-text search over messages, AI summaries and customers (the port). */
public interface SearchRepository {

  /**
   * What to look for: {@code text} as an operator typed it (web-search syntax: words, "a phrase",
   * or, -word); the others narrow it down and are ignored when null. {@code intent} and {@code
   * urgency} are the conversation's latest (as in the inbox list); {@code from} (inclusive) and
   * {@code to} (exclusive) bound the hit's time.
   */
  record Query(
      String text,
      ConversationStatus status,
      String assignee,
      String intent,
      String urgency,
      Instant from,
      Instant to) {}

  /**
   * A hit, {@code snippet} with each matched word between {@link #MARK_START} and {@link
   * #MARK_END}. {@code id} is the message's id, or for a customer hit the conversation's: with
   * {@code at} it is the hit's place in the newest-first order.
   */
  record Hit(
      UUID id,
      UUID conversationId,
      UUID messageId,
      String customerName,
      String matchedIn,
      boolean internal,
      String snippet,
      Instant at,
      ConversationStatus status) {}

  /** Marks a matched word in a snippet; the searched text never holds it. */
  char MARK_START = '\u0002';

  char MARK_END = '\u0003';

  /**
   * Up to {@code limit} hits, newest first, after the hit ({@code afterAt}, {@code afterId}) (both
   * null: from the newest).
   */
  List<Hit> find(Query query, Instant afterAt, UUID afterId, int limit);
}
