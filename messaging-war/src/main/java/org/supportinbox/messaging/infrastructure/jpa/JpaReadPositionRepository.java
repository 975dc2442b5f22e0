package org.supportinbox.messaging.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.supportinbox.messaging.domain.ReadPositionRepository;

/**
 * Read positions in the {@code read_positions} table (migration V6), in the caller's transaction.
 * Native SQL throughout: an upsert that only moves forward, and counts the list needs per page.
 */
@ApplicationScoped
public class JpaReadPositionRepository implements ReadPositionRepository {

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  /**
   * One statement: the row is inserted, or updated only when the new position is later; {@code
   * returning} yields a row exactly when something was written, so concurrent marks of one reader
   * (two tabs) publish at most one event per step forward.
   */
  @Override
  public boolean advance(String reader, UUID conversationId, Instant upTo, Instant now) {
    List<?> moved =
        em.createNativeQuery(
                "insert into read_positions (reader, conversation_id, read_up_to, updated_at)"
                    + " values (?1, ?2, ?3, ?4) on conflict (reader, conversation_id) do update"
                    + " set read_up_to = excluded.read_up_to, updated_at = excluded.updated_at"
                    + " where read_positions.read_up_to < excluded.read_up_to"
                    + " returning reader")
            .setParameter(1, reader)
            .setParameter(2, conversationId)
            .setParameter(3, upTo)
            .setParameter(4, now)
            .getResultList();
    return !moved.isEmpty();
  }

  @Override
  public Instant position(String reader, UUID conversationId) {
    List<?> rows =
        em.createNativeQuery(
                "select read_up_to from read_positions where reader = ?1 and conversation_id = ?2",
                Instant.class)
            .setParameter(1, reader)
            .setParameter(2, conversationId)
            .getResultList();
    return rows.isEmpty() ? null : (Instant) rows.get(0);
  }

  /** One query per page of the list, on messages' (conversation_id, created_at) index. */
  @Override
  public Map<UUID, Integer> unread(String reader, Collection<UUID> conversationIds) {
    Map<UUID, Integer> counts = new HashMap<>();
    if (conversationIds.isEmpty()) {
      return counts;
    }
    List<?> rows =
        em.createNativeQuery(
                "select m.conversation_id, count(*) from messages m"
                    + " left join read_positions r"
                    + " on r.reader = ?1 and r.conversation_id = m.conversation_id"
                    + " where m.conversation_id in (?2) and m.sender = 'customer'"
                    + " and (r.read_up_to is null or m.created_at > r.read_up_to)"
                    + " group by m.conversation_id")
            .setParameter(1, reader)
            .setParameter(2, conversationIds)
            .getResultList();
    for (Object row : rows) {
      Object[] columns = (Object[]) row;
      counts.put((UUID) columns[0], ((Number) columns[1]).intValue());
    }
    return counts;
  }

  @Override
  public long unreadConversations(String reader, long cap) {
    Object count =
        em.createNativeQuery(
                "select count(*) from (select 1 from conversations c"
                    + " left join read_positions r on r.reader = ?1 and r.conversation_id = c.id"
                    + " where c.status = 'open' and (c.assignee = ?1 or c.assignee is null)"
                    + " and c.last_customer_message_at is not null"
                    + " and (r.read_up_to is null or c.last_customer_message_at > r.read_up_to)"
                    + " limit ?2) t")
            .setParameter(1, reader)
            .setParameter(2, cap)
            .getSingleResult();
    return ((Number) count).longValue();
  }
}
