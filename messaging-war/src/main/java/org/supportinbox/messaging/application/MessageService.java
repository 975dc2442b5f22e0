package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.supportinbox.contracts.Sender;
import org.supportinbox.contracts.rest.MessageContext;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.messaging.domain.AiInsight;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.Conversation;
import org.supportinbox.messaging.domain.Message;
import org.supportinbox.messaging.infrastructure.config.MessagingConfig;
import org.supportinbox.web.UnknownIdException;

/**
 * Stores messages (the message, its pending insight and its event commit together or not at all)
 * and reads one message in its context.
 */
@ApplicationScoped
public class MessageService {

  private static final Logger LOG = Logger.getLogger(MessageService.class.getName());

  /** Name a customer gets when the first message does not say one. */
  static final String DEFAULT_CUSTOMER_NAME = "Customer";

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Inject ApplicationEvents events;

  @Inject MessagingConfig config;

  /**
   * The stored message, and whether it was stored now ({@code false}: the idempotency key named a
   * message stored before, which is returned unchanged).
   */
  public record Posted(MessageView message, boolean created) {}

  /**
   * Stores {@code cmd}. A customer message with an unknown conversation id (or none) creates the
   * conversation; an operator message needs an existing one.
   *
   * <p>The conversation row is locked first, so messages of one conversation are stored, and their
   * outbox rows numbered, in one order: the order the relay publishes them in.
   */
  @Transactional
  public Posted post(NewMessage cmd) {
    Instant now = Clock.now();
    UUID conversationId = cmd.conversationId() != null ? cmd.conversationId() : UUID.randomUUID();
    Conversation conversation =
        em.find(Conversation.class, conversationId, LockModeType.PESSIMISTIC_WRITE);
    if (conversation == null && cmd.sender() == Sender.CUSTOMER) {
      // Insert-if-absent, so two first messages racing for one new id both land in it.
      em.createNativeQuery(
              "insert into conversations (id, status, customer_name, customer_email, created_at,"
                  + " updated_at, last_message_at) values (?1, 'open', ?2, ?3, ?4, ?4, ?4)"
                  + " on conflict (id) do nothing")
          .setParameter(1, conversationId)
          .setParameter(2, cmd.senderName() != null ? cmd.senderName() : DEFAULT_CUSTOMER_NAME)
          .setParameter(3, cmd.customerEmail())
          .setParameter(4, now)
          .executeUpdate();
      conversation = em.find(Conversation.class, conversationId, LockModeType.PESSIMISTIC_WRITE);
    }
    if (conversation == null) {
      throw new UnknownIdException("conversation", conversationId);
    }
    if (cmd.clientMessageId() != null) {
      Optional<Message> earlier = byClientId(conversationId, cmd.clientMessageId());
      if (earlier.isPresent()) {
        Message m = earlier.get();
        LOG.fine(() -> "idempotent replay message_id=" + m.id());
        return new Posted(Views.message(m, em.find(AiInsight.class, m.id())), false);
      }
    }
    Message message =
        new Message(
            conversationId,
            cmd.sender(),
            cmd.senderName(),
            cmd.content(),
            cmd.clientMessageId(),
            now);
    em.persist(message);
    AiInsight insight = null;
    if (config.analysedSenders().contains(cmd.sender())) {
      insight = AiInsight.processing(message);
      em.persist(insight);
    }
    conversation.messageAdded(message);
    events.messageWasCreated(message);
    return new Posted(Views.message(message, insight), true);
  }

  /**
   * The message with its insight, and up to {@code limit} messages of its conversation stored
   * before it (by {@code created_at}, then {@code id}, the thread's order), oldest first.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public MessageContext context(UUID id, int limit) {
    Message message = em.find(Message.class, id);
    if (message == null) {
      throw new UnknownIdException("message", id);
    }
    List<Message> previous = new ArrayList<>();
    if (limit > 0) {
      // Newest first with a LIMIT, so PostgreSQL walks messages_conversation_idx (conversation_id,
      // created_at, id) backwards from the message, with the row comparison as index condition:
      // the cost is the limit, not the length of the conversation.
      @SuppressWarnings("unchecked")
      List<Message> newestFirst =
          em.createNativeQuery(
                  "select * from messages where conversation_id = ?1 and (created_at, id) < (?2, ?3)"
                      + " order by created_at desc, id desc limit ?4",
                  Message.class)
              .setParameter(1, message.conversationId())
              .setParameter(2, message.createdAt())
              .setParameter(3, message.id())
              .setParameter(4, limit)
              .getResultList();
      previous.addAll(newestFirst);
      Collections.reverse(previous);
    }
    List<UUID> ids = new ArrayList<>(previous.size() + 1);
    ids.add(message.id());
    previous.forEach(m -> ids.add(m.id()));
    Map<UUID, AiInsight> insights =
        em.createQuery("select i from AiInsight i where i.messageId in :ids", AiInsight.class)
            .setParameter("ids", ids)
            .getResultStream()
            .collect(Collectors.toMap(AiInsight::messageId, Function.identity()));
    return new MessageContext(
        Views.message(message, insights.get(message.id())),
        previous.stream().map(m -> Views.message(m, insights.get(m.id()))).toList());
  }

  private Optional<Message> byClientId(UUID conversationId, String clientMessageId) {
    return em.createQuery(
            "select m from Message m where m.conversationId = :c and m.clientMessageId = :k",
            Message.class)
        .setParameter("c", conversationId)
        .setParameter("k", clientMessageId)
        .getResultStream()
        .findFirst();
  }
}
