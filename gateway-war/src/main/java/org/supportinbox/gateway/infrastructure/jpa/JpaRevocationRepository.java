package org.supportinbox.gateway.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.supportinbox.gateway.domain.RevocationRepository;

/**
 * Revocations in {@code revoked_tokens}, {@code operators} and {@code ended_customer_sessions}.
 * {@link #stateOf} is one query whatever the number of tokens: the bearer filter asks it on every
 * request, the socket sweep for every connected socket at once.
 */
@ApplicationScoped
public class JpaRevocationRepository implements RevocationRepository {

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Override
  public State stateOf(
      Collection<String> jtis, Collection<String> operators, Collection<UUID> conversations) {
    Set<String> revokedJtis = new HashSet<>();
    Set<String> disabled = new HashSet<>();
    Map<String, Long> generations = new HashMap<>();
    Set<UUID> ended = new HashSet<>();
    List<?> rows =
        em.createNativeQuery(
                "select 'jti', jti, 0 from revoked_tokens where jti = any(cast(?1 as text[]))"
                    + " union all select case when disabled then 'disabled' else 'operator' end,"
                    + " username, token_generation from operators"
                    + " where username = any(cast(?2 as text[]))"
                    + " union all select 'ended', cast(conversation_id as text), 0"
                    + " from ended_customer_sessions where conversation_id = any(cast(?3 as uuid[]))")
            .setParameter(1, jtis.toArray(String[]::new))
            .setParameter(2, operators.toArray(String[]::new))
            .setParameter(3, conversations.stream().map(UUID::toString).toArray(String[]::new))
            .getResultList();
    for (Object row : rows) {
      Object[] r = (Object[]) row;
      String value = (String) r[1];
      switch ((String) r[0]) {
        case "jti" -> revokedJtis.add(value);
        case "disabled" -> disabled.add(value);
        case "operator" -> generations.put(value, ((Number) r[2]).longValue());
        default -> ended.add(UUID.fromString(value));
      }
    }
    return new State(revokedJtis, disabled, generations, ended);
  }

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
