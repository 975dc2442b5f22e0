package org.supportinbox.gateway.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.UUID;
import org.supportinbox.gateway.domain.RevocationRepository;

/**
 * Revocations written to {@code revoked_tokens} and {@code ended_customer_sessions}; every instance
 * reads them back through {@code JdbcRevocationFeed}, never per request.
 */
@ApplicationScoped
public class JpaRevocationRepository implements RevocationRepository {

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Override
  public void revoke(String jti, Instant expiresAt) {
    em.createNativeQuery(
            "insert into revoked_tokens (jti, expires_at) values (?1, ?2)"
                + " on conflict (jti) do nothing")
        .setParameter(1, jti)
        .setParameter(2, expiresAt)
        .executeUpdate();
    em.createNativeQuery("delete from revoked_tokens where expires_at < now()").executeUpdate();
  }

  @Override
  public void endCustomerSession(UUID conversation, Instant at) {
    em.createNativeQuery(
            "insert into ended_customer_sessions (conversation_id, ended_at) values (?1, ?2)"
                + " on conflict (conversation_id) do nothing")
        .setParameter(1, conversation)
        .setParameter(2, at)
        .executeUpdate();
  }

  @Override
  public boolean customerSessionEnded(UUID conversation) {
    return !em.createNativeQuery("select 1 from ended_customer_sessions where conversation_id = ?1")
        .setParameter(1, conversation)
        .getResultList()
        .isEmpty();
  }
}
