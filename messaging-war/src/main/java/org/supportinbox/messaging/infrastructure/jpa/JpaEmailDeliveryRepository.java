package org.supportinbox.messaging.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
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

  @Override
  public Map<UUID, EmailDelivery> ofConversation(UUID conversationId) {
    return em.createQuery(
            "select d from EmailDelivery d where d.conversationId = :c", EmailDelivery.class)
        .setParameter("c", conversationId)
        .getResultStream()
        .collect(Collectors.toMap(EmailDelivery::messageId, Function.identity()));
  }
}
