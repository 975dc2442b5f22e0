package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;
import org.supportinbox.contracts.Sender;
import org.supportinbox.contracts.rest.CustomerReadPosition;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.Conversation;
import org.supportinbox.messaging.domain.ConversationRepository;
import org.supportinbox.messaging.domain.EmailDelivery;
import org.supportinbox.messaging.domain.EmailDeliveryRepository;
import org.supportinbox.messaging.domain.Message;
import org.supportinbox.messaging.domain.MessageRepository;
import org.supportinbox.messaging.domain.NotFoundException;

/**
 * The email fallback of chat conversations (issue 18): an operator's reply to a customer who gave
 * an email waits {@code scheduled} for {@code EMAIL_FALLBACK_AFTER} ({@code MessageService}
 * schedules it with the reply). The customer reading the reply in the chat ({@link #customerRead})
 * makes it {@code not_needed}; when it falls due unread ({@link #fallDue}), it is {@code queued}
 * and the mail function sends it like the reply of an email conversation.
 *
 * <p>"Read" is only what the customer's chat page reports: it calls the read route when operator
 * replies are on screen (the page or the open widget visible), not merely when its socket is
 * connected, since a socket stays open in a background tab nobody looks at.
 */
@ApplicationScoped
public class EmailFallbackService {

  private static final Logger LOG = Logger.getLogger(EmailFallbackService.class.getName());

  @Inject ConversationRepository conversations;

  @Inject MessageRepository messages;

  @Inject EmailDeliveryRepository deliveries;

  @Inject ApplicationEvents events;

  /**
   * The customer of conversation {@code id} has seen its messages up to {@code messageId} (one of
   * its messages the customer may see), or up to its latest message when null. The position only
   * moves forward; the fallbacks of replies up to it that are not being sent yet become {@code
   * not_needed}, each with its {@code email.delivery_changed}, in the same transaction.
   */
  @Transactional
  public CustomerReadPosition customerRead(UUID id, UUID messageId) {
    Conversation c = conversations.findForUpdate(id);
    if (c == null) {
      throw new NotFoundException("conversation", id);
    }
    Instant upTo = c.lastMessageAt();
    if (messageId != null) {
      Message m = messages.find(messageId);
      // A note is not the customer's to see: the same answer as an unknown id.
      if (m == null || !m.conversationId().equals(id) || m.internal()) {
        throw new NotFoundException("message", messageId);
      }
      upTo = m.createdAt();
    }
    if (c.customerRead(upTo)) {
      Instant now = Clock.now();
      int settled = 0;
      for (EmailDelivery d : deliveries.pendingFallbacks(id)) {
        if (!d.createdAt().isAfter(upTo) && d.readByCustomer(now)) {
          events.emailDeliveryChanged(d);
          settled++;
        }
      }
      int n = settled;
      Instant position = upTo;
      LOG.fine(
          () ->
              "customer read conversation_id="
                  + id
                  + " up to "
                  + position
                  + "; fallbacks not needed: "
                  + n);
    }
    return new CustomerReadPosition(id, c.customerReadUpTo());
  }

  /**
   * Up to {@code limit} fallbacks whose time came, in one transaction: each {@code queued} (its
   * event sends it), or {@code not_needed} when the customer has read its reply. Rows another
   * instance is moving are skipped, so none is queued twice. Returns how many were moved.
   */
  @Transactional
  public int fallDue(int limit) {
    Instant now = Clock.now();
    int moved = 0;
    for (EmailDelivery d : deliveries.dueFallbacks(now, limit)) {
      Message m = messages.find(d.messageId());
      Conversation c = conversations.find(d.conversationId());
      if (m.sender() == Sender.OPERATOR && d.fallDue(c.customerHasRead(m), now)) {
        events.emailDeliveryChanged(d);
        moved++;
      }
    }
    return moved;
  }
}
