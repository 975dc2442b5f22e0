package org.supportinbox.messaging.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.supportinbox.messaging.domain.AiInsight;
import org.supportinbox.messaging.domain.InsightRepository;
import org.supportinbox.messaging.domain.Message;

/** AI insights in the {@code ai_insights} table, in the caller's transaction. */
@ApplicationScoped
public class JpaInsightRepository implements InsightRepository {

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Override
  public AiInsight find(UUID messageId) {
    return em.find(AiInsight.class, messageId);
  }

  @Override
  public AiInsight findForUpdate(UUID messageId) {
    return em.find(AiInsight.class, messageId, LockModeType.PESSIMISTIC_WRITE);
  }

  @Override
  public void add(AiInsight insight) {
    em.persist(insight);
  }

  @Override
  public boolean addProcessingIfAbsent(Message message, Instant at) {
    return em.createNativeQuery(
                "insert into ai_insights (message_id, conversation_id, status, attempts,"
                    + " created_at, updated_at) values (?1, ?2, 'processing', 0, ?3, ?3)"
                    + " on conflict (message_id) do nothing")
            .setParameter(1, message.id())
            .setParameter(2, message.conversationId())
            .setParameter(3, at)
            .executeUpdate()
        == 1;
  }

  @Override
  public Map<UUID, AiInsight> ofMessages(Collection<UUID> messageIds) {
    return em.createQuery("select i from AiInsight i where i.messageId in :ids", AiInsight.class)
        .setParameter("ids", messageIds)
        .getResultStream()
        .collect(Collectors.toMap(AiInsight::messageId, Function.identity()));
  }

  @Override
  public String summaryBefore(Message message) {
    @SuppressWarnings("unchecked")
    java.util.List<String> found =
        em.createNativeQuery(
                // The conversation's messages walked back from message (their index on
                // conversation, time, id) to the first with a summary.
                "select i.conversation_summary from messages m"
                    + " join ai_insights i on i.message_id = m.id"
                    + " where m.conversation_id = :c and i.conversation_summary is not null"
                    + " and (m.created_at, m.id) < (:at, :id)"
                    + " order by m.created_at desc, m.id desc limit 1")
            .setParameter("c", message.conversationId())
            .setParameter("at", java.sql.Timestamp.from(message.createdAt()))
            .setParameter("id", message.id())
            .getResultList();
    return found.isEmpty() ? null : found.get(0);
  }

  @Override
  public Map<UUID, AiInsight> ofConversation(UUID conversationId) {
    return em.createQuery("select i from AiInsight i where i.conversationId = :c", AiInsight.class)
        .setParameter("c", conversationId)
        .getResultStream()
        .collect(Collectors.toMap(AiInsight::messageId, Function.identity()));
  }
}
