package org.supportinbox.messaging.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.LockOptions;
import org.hibernate.Session;
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

  /**
   * Hibernate takes the state of an entity made modifiable again as its database state (a new
   * snapshot), so the flush finds nothing to write.
   */
  @Override
  public void written(Conversation conversation) {
    Session session = em.unwrap(Session.class);
    session.setReadOnly(conversation, true);
    session.setReadOnly(conversation, false);
  }

  @Override
  public void discardChanges(Conversation conversation) {
    em.refresh(conversation);
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

  @Override
  public void createEmail(
      UUID id,
      String customerName,
      String customerEmail,
      String subject,
      String token,
      Instant at) {
    em.createNativeQuery(
            "insert into conversations (id, status, customer_name, customer_email, channel,"
                + " email_subject, email_token, created_at, updated_at, last_message_at)"
                + " values (?1, 'open', ?2, ?3, 'email', ?4, ?5, ?6, ?6, ?6)")
        .setParameter(1, id)
        .setParameter(2, customerName)
        .setParameter(3, customerEmail)
        .setParameter(4, subject)
        .setParameter(5, token)
        .setParameter(6, at)
        .executeUpdate();
  }

  @Override
  public Conversation byEmailToken(String token) {
    return em.createQuery(
            "select c from Conversation c where c.emailToken = :t", Conversation.class)
        .setParameter("t", token)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  /**
   * Keyset pagination on ({@code last_message_at}, {@code id}), or ({@code urgency_rank}, {@code
   * last_message_at}, {@code id}) by urgency, so a page costs the same however deep it is and rows
   * never repeat or go missing between pages while new messages arrive (migration V5 has an index
   * for each view).
   */
  @Override
  public List<Conversation> page(View view, Position after, int limit) {
    StringBuilder jpql = new StringBuilder("select c from Conversation c where 1 = 1");
    where(jpql, view);
    if (after != null) {
      String byTime = "(c.lastMessageAt < :at or (c.lastMessageAt = :at and c.id < :id))";
      jpql.append(" and ")
          .append(
              view.byUrgency()
                  ? "(c.urgencyRank < :rank or (c.urgencyRank = :rank and " + byTime + "))"
                  : byTime);
    }
    jpql.append(
        view.byUrgency()
            ? " order by c.urgencyRank desc, c.lastMessageAt desc, c.id desc"
            : " order by c.lastMessageAt desc, c.id desc");
    TypedQuery<Conversation> query = em.createQuery(jpql.toString(), Conversation.class);
    bind(query, view);
    if (after != null) {
      query.setParameter("at", after.lastMessageAt()).setParameter("id", after.id());
      if (view.byUrgency()) {
        query.setParameter("rank", (short) after.urgencyRank());
      }
    }
    return query.setMaxResults(limit).getResultList();
  }

  /** On {@code conversations_customer_email_idx} (migration V10). */
  @Override
  public List<Conversation> ofCustomer(String email, UUID except, int limit) {
    return em.createQuery(
            "select c from Conversation c where lower(c.customerEmail) = lower(:email)"
                + " and c.id <> :except order by c.lastMessageAt desc, c.id desc",
            Conversation.class)
        .setParameter("email", email)
        .setParameter("except", except)
        .setMaxResults(limit)
        .getResultList();
  }

  /** {@code select count(*) from (... limit cap)}: stops counting at the cap. */
  @Override
  public long count(View view, long cap) {
    StringBuilder sql = new StringBuilder("select count(*) from (select 1 from conversations c");
    sql.append(" where 1 = 1");
    if (view.status() != null) {
      sql.append(" and c.status = :status");
    }
    if (view.assignee() != null) {
      sql.append(" and c.assignee = :assignee");
    }
    if (view.unassigned()) {
      sql.append(" and c.assignee is null");
    }
    sql.append(" limit :cap) t");
    Query query = em.createNativeQuery(sql.toString());
    if (view.status() != null) {
      query.setParameter("status", view.status().wire());
    }
    if (view.assignee() != null) {
      query.setParameter("assignee", view.assignee());
    }
    query.setParameter("cap", cap);
    return ((Number) query.getSingleResult()).longValue();
  }

  @Override
  public List<Conversation> dueToWake(Instant at, int limit) {
    return em.createQuery(
            "select c from Conversation c where c.status = :snoozed and c.snoozedUntil <= :at"
                + " order by c.snoozedUntil",
            Conversation.class)
        .setParameter("snoozed", ConversationStatus.SNOOZED)
        .setParameter("at", at)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        // SKIP LOCKED: a row another instance is waking is left to it.
        .setHint("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED)
        .setMaxResults(limit)
        .getResultList();
  }

  private static void where(StringBuilder jpql, View view) {
    if (view.status() != null) {
      jpql.append(" and c.status = :status");
    }
    if (view.assignee() != null) {
      jpql.append(" and c.assignee = :assignee");
    }
    if (view.unassigned()) {
      jpql.append(" and c.assignee is null");
    }
  }

  private static void bind(TypedQuery<Conversation> query, View view) {
    if (view.status() != null) {
      query.setParameter("status", view.status());
    }
    if (view.assignee() != null) {
      query.setParameter("assignee", view.assignee());
    }
  }
}
