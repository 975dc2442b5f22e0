package org.supportinbox.gateway.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.supportinbox.gateway.domain.PresenceRepository;

/**
 * Presence in {@code operator_presence} and turns in {@code operators.last_auto_assigned_at}
 * (migration V4), in the caller's transaction.
 */
@ApplicationScoped
public class JpaPresenceRepository implements PresenceRepository {

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  /** One upsert for all of them; a name that is no account (any more) is skipped by the join. */
  @Override
  public void seen(Collection<String> usernames, Instant at) {
    if (usernames.isEmpty()) {
      return;
    }
    em.createNativeQuery(
            "insert into operator_presence (username, seen_at)"
                + " select username, ?2 from operators where username = any(cast(?1 as text[]))"
                + " on conflict (username) do update set seen_at = greatest("
                + "operator_presence.seen_at, excluded.seen_at)")
        .setParameter(1, usernames.toArray(String[]::new))
        .setParameter(2, at)
        .executeUpdate();
  }

  /**
   * {@code for update skip locked}: an instance taking a turn at the same moment takes the next
   * operator instead of waiting for (and then repeating) this one.
   */
  @Override
  public Optional<String> takeTurn(Instant onlineSince, Instant now) {
    List<?> rows =
        em.createNativeQuery(
                "update operators set last_auto_assigned_at = ?2 where username = ("
                    + " select o.username from operators o"
                    + " join operator_presence p on p.username = o.username"
                    + " where not o.disabled and p.seen_at >= ?1"
                    + " order by o.last_auto_assigned_at nulls first, o.username"
                    + " limit 1 for update of o skip locked)"
                    + " returning username")
            .setParameter(1, onlineSince)
            .setParameter(2, now)
            .getResultList();
    return rows.isEmpty() ? Optional.empty() : Optional.of((String) rows.get(0));
  }
}
