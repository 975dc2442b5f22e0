package org.supportinbox.messaging.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.ConversationStatus;
import org.supportinbox.messaging.domain.Conversation;
import org.supportinbox.messaging.domain.ConversationRepository;

/** Conversations in the {@code conversations} table, in the caller's transaction. */
@ApplicationScoped
public class JpaConversationRepository implements ConversationRepository {

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Override
  public Conversation find(UUID id) {
    return em.find(Conversation.class, id);
  }

  @Override
  public Conversation findForUpdate(UUID id) {
    return em.find(Conversation.class, id, LockModeType.PESSIMISTIC_WRITE);
  }

  @Override
  public void createIfAbsent(UUID id, String customerName, String customerEmail, Instant at) {
    em.createNativeQuery(
            "insert into conversations (id, status, customer_name, customer_email, created_at,"
                + " updated_at, last_message_at) values (?1, 'open', ?2, ?3, ?4, ?4, ?4)"
                + " on conflict (id) do nothing")
        .setParameter(1, id)
        .setParameter(2, customerName)
        .setParameter(3, customerEmail)
        .setParameter(4, at)
        .executeUpdate();
  }

  /**
   * Keyset pagination on ({@code last_message_at}, {@code id}), so a page costs the same however
   * deep it is and rows never repeat or go missing between pages while new messages arrive.
   */
  @Override
  public List<Conversation> page(
      ConversationStatus status, Instant afterAt, UUID afterId, int limit) {
    StringBuilder jpql = new StringBuilder("select c from Conversation c where 1 = 1");
    if (status != null) {
      jpql.append(" and c.status = :status");
    }
    if (afterAt != null) {
      jpql.append(" and (c.lastMessageAt < :at or (c.lastMessageAt = :at and c.id < :id))");
    }
    jpql.append(" order by c.lastMessageAt desc, c.id desc");
    TypedQuery<Conversation> query = em.createQuery(jpql.toString(), Conversation.class);
    if (status != null) {
      query.setParameter("status", status);
    }
    if (afterAt != null) {
      query.setParameter("at", afterAt).setParameter("id", afterId);
    }
    return query.setMaxResults(limit).getResultList();
  }
}
