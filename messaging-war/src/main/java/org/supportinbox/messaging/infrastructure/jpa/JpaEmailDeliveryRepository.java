package org.supportinbox.messaging.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.LockOptions;
import org.supportinbox.contracts.DeliveryKind;
import org.supportinbox.contracts.DeliveryStatus;
import org.supportinbox.messaging.domain.EmailDelivery;
import org.supportinbox.messaging.domain.EmailDeliveryRepository;

/** Deliveries in the {@code email_deliveries} table, in the caller's transaction. */
@ApplicationScoped
public class JpaEmailDeliveryRepository implements EmailDeliveryRepository {

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Override
  public void add(EmailDelivery delivery) {
    em.persist(delivery);
  }

  @Override
  public EmailDelivery find(UUID messageId) {
    return em.find(EmailDelivery.class, messageId);
  }

  @Override
  public EmailDelivery findForUpdate(UUID messageId) {
    return em.find(EmailDelivery.class, messageId, LockModeType.PESSIMISTIC_WRITE);
  }

  /** On {@code email_deliveries_due_idx} (migration V19). */
  @Override
  public List<EmailDelivery> dueFallbacks(Instant at, int limit) {
    return em.createQuery(
            "select d from EmailDelivery d where d.status = :scheduled and d.dueAt <= :at"
                + " order by d.dueAt",
            EmailDelivery.class)
        .setParameter("scheduled", DeliveryStatus.SCHEDULED)
        .setParameter("at", at)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        // SKIP LOCKED: a row another instance (or a claim) holds is left to it.
        .setHint("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED)
        .setMaxResults(limit)
        .getResultList();
  }

  /** On {@code email_deliveries_pending_idx} (few rows are ever {@code sending}). */
  @Override
  public List<EmailDelivery> lapsedClaims(Instant before, int limit) {
    return em.createQuery(
            "select d from EmailDelivery d where d.status = :sending and d.claimedUntil < :before"
                + " order by d.claimedUntil",
            EmailDelivery.class)
        .setParameter("sending", DeliveryStatus.SENDING)
        .setParameter("before", before)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        // SKIP LOCKED: a row being claimed or reported right now is left to that.
        .setHint("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED)
        .setMaxResults(limit)
        .getResultList();
  }

  /** On {@code email_deliveries_conversation_idx}. */
  @Override
  public List<EmailDelivery> pendingFallbacks(UUID conversationId) {
    return em.createQuery(
            "select d from EmailDelivery d where d.conversationId = :c and d.kind = :fallback"
                + " and d.status in (:scheduled, :queued) order by d.createdAt",
            EmailDelivery.class)
        .setParameter("c", conversationId)
        .setParameter("fallback", DeliveryKind.FALLBACK)
        .setParameter("scheduled", DeliveryStatus.SCHEDULED)
        .setParameter("queued", DeliveryStatus.QUEUED)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }

  @Override
  public Map<UUID, EmailDelivery> ofConversation(UUID conversationId) {
    return em.createQuery(
            "select d from EmailDelivery d where d.conversationId = :c", EmailDelivery.class)
        .setParameter("c", conversationId)
        .getResultStream()
        .collect(Collectors.toMap(EmailDelivery::messageId, Function.identity()));
  }
}
