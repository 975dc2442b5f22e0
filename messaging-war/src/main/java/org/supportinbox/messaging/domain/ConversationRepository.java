package org.supportinbox.messaging.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.ConversationStatus;

/** Conversations (the port; {@code infrastructure.jpa.JpaConversationRepository} stores them). */
public interface ConversationRepository {

  /**
   * A view of the inbox: conversations with {@code status} (null: any), assigned to {@code
   * assignee} (null: anyone) or, {@code unassigned}, to no one; newest activity first, or {@code
   * byUrgency} (high, normal, low, none; then newest activity).
   */
  record View(ConversationStatus status, String assignee, boolean unassigned, boolean byUrgency) {}

  /** A row's place in a walk: {@code urgencyRank} counts only in a walk by urgency. */
  record Position(int urgencyRank, Instant lastMessageAt, UUID id) {}

  Conversation find(UUID id);

  /** The conversation, its row locked until the transaction ends, or null. */
  Conversation findForUpdate(UUID id);

  /**
   * Takes {@code conversation}'s state as stored: it was written by a statement of its own ({@link
   * MessageRepository#addIfNew}), so the flush at commit must not write it again.
   */
  void written(Conversation conversation);

  /** Drops what was changed on {@code conversation} and not stored (reads it again). */
  void discardChanges(Conversation conversation);

  /**
   * Creates an open conversation with this id unless one exists (insert-if-absent, so two first
   * messages racing for one new id both land in it).
   */
  void createIfAbsent(UUID id, String customerName, String customerEmail, Instant at);

  /**
   * Creates an email conversation: the customer's address, the first mail's subject and the
   * conversation's mail token.
   */
  void createEmail(
      UUID id, String customerName, String customerEmail, String subject, String token, Instant at);

  /** The email conversation whose mail token is {@code token}, or null. */
  Conversation byEmailToken(String token);

  /** Up to {@code limit} conversations of the view, after {@code after} (null: from the top). */
  List<Conversation> page(View view, Position after, int limit);

  /**
   * Up to {@code limit} other conversations of the customer with this email (any case), newest
   * activity first.
   */
  List<Conversation> ofCustomer(String email, UUID except, int limit);

  /** How many conversations the view holds, counting no further than {@code cap}. */
  long count(View view, long cap);

  /**
   * Up to {@code limit} conversations snoozed until {@code at} or earlier, locked until the
   * transaction ends; rows another transaction holds are skipped (another instance wakes them).
   */
  List<Conversation> dueToWake(Instant at, int limit);
}
