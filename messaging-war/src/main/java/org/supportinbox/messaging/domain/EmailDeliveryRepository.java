package org.supportinbox.messaging.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Deliveries of replies by mail (the port; {@code JpaEmailDeliveryRepository} stores them). */
public interface EmailDeliveryRepository {

  void add(EmailDelivery delivery);

  EmailDelivery find(UUID messageId);

  /** The delivery row locked for the rest of the transaction, or null. */
  EmailDelivery findForUpdate(UUID messageId);

  /**
   * Up to {@code limit} fallbacks still {@code scheduled} whose {@code due_at} is at or before
   * {@code at}, oldest first, locked; rows another transaction holds are skipped.
   */
  List<EmailDelivery> dueFallbacks(Instant at, int limit);

  /**
   * Up to {@code limit} deliveries still {@code sending} whose claim ran out before {@code before},
   * oldest first, locked; rows another transaction holds are skipped.
   */
  List<EmailDelivery> lapsedClaims(Instant before, int limit);

  /** The conversation's fallbacks still {@code scheduled} or {@code queued}, locked. */
  List<EmailDelivery> pendingFallbacks(UUID conversationId);

  /** The deliveries of a conversation's replies, by message id. */
  Map<UUID, EmailDelivery> ofConversation(UUID conversationId);
}
