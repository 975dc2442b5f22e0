package org.supportinbox.messaging.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.supportinbox.messaging.domain.Message;
import org.supportinbox.messaging.domain.MessageRepository;

/** Messages in the {@code messages} table, in the caller's transaction. */
@ApplicationScoped
public class JpaMessageRepository implements MessageRepository {

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Override
  public Message find(UUID id) {
    return em.find(Message.class, id);
  }

  @Override
  public void add(Message message) {
    em.persist(message);
  }

  @Override
  public Optional<Message> byClientId(UUID conversationId, String clientMessageId) {
    return em.createQuery(
            "select m from Message m where m.conversationId = :c and m.clientMessageId = :k",
            Message.class)
        .setParameter("c", conversationId)
        .setParameter("k", clientMessageId)
        .getResultStream()
        .findFirst();
  }

  @Override
  public void lockMailId(String emailMessageId) {
    em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) l")
        .setParameter(1, "mail:" + emailMessageId)
        .getSingleResult();
  }

  @Override
  public Optional<Message> byEmailMessageId(String emailMessageId) {
    return em.createQuery("select m from Message m where m.emailMessageId = :k", Message.class)
        .setParameter("k", emailMessageId)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<UUID> conversationOfMail(List<String> ids) {
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    List<Message> found =
        em.createQuery("select m from Message m where m.emailMessageId in :ids", Message.class)
            .setParameter("ids", ids)
            .getResultList();
    for (int i = ids.size() - 1; i >= 0; i--) {
      String id = ids.get(i);
      for (Message m : found) {
        if (id.equals(m.emailMessageId())) {
          return Optional.of(m.conversationId());
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public List<String> mailIds(UUID conversationId) {
    return em.createQuery(
            "select m.emailMessageId from Message m where m.conversationId = :c"
                + " and m.emailMessageId is not null order by m.createdAt, m.id",
            String.class)
        .setParameter("c", conversationId)
        .getResultList();
  }

  @Override
  public List<Message> ofConversation(UUID conversationId) {
    return em.createQuery(
            "select m from Message m where m.conversationId = :c order by m.createdAt, m.id",
            Message.class)
        .setParameter("c", conversationId)
        .getResultList();
  }

  /**
   * Newest first with a LIMIT, so PostgreSQL walks messages_conversation_idx (conversation_id,
   * created_at, id) backwards from the message, with the row comparison as index condition: the
   * cost is the limit, not the length of the conversation.
   */
  @Override
  @SuppressWarnings("unchecked")
  public List<Message> before(Message message, int limit) {
    return em.createNativeQuery(
            "select * from messages where conversation_id = ?1 and (created_at, id) < (?2, ?3)"
                + " and not internal order by created_at desc, id desc limit ?4",
            Message.class)
        .setParameter(1, message.conversationId())
        .setParameter(2, message.createdAt())
        .setParameter(3, message.id())
        .setParameter(4, limit)
        .getResultList();
  }
}
