package org.supportinbox.messaging.domain;

import java.util.Map;
import java.util.UUID;

/** Deliveries of replies by mail (the port; {@code JpaEmailDeliveryRepository} stores them). */
public interface EmailDeliveryRepository {

  void add(EmailDelivery delivery);

  EmailDelivery find(UUID messageId);

  /** The delivery row locked for the rest of the transaction, or null. */
  EmailDelivery findForUpdate(UUID messageId);

  /** The deliveries of a conversation's replies, by message id. */
  Map<UUID, EmailDelivery> ofConversation(UUID conversationId);
}
