package org.supportinbox.gateway.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import org.supportinbox.gateway.domain.LoginFailure;
import org.supportinbox.gateway.domain.LoginFailureRepository;

/** Failed logins in the {@code login_failures} table, in the caller's transaction. */
@ApplicationScoped
public class JpaLoginFailureRepository implements LoginFailureRepository {

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  /** Insert-if-absent, then the row lock: two first attempts on one name both find the row. */
  @Override
  public LoginFailure lockedFailuresOf(String username, String client, Instant now) {
    em.createNativeQuery(
            "insert into login_failures (username, client, failures, last_failure_at)"
                + " values (?1, ?2, 0, ?3) on conflict (username, client) do nothing")
        .setParameter(1, username)
        .setParameter(2, client)
        .setParameter(3, now)
        .executeUpdate();
    return em.find(
        LoginFailure.class, new LoginFailure.Key(username, client), LockModeType.PESSIMISTIC_WRITE);
  }

  @Override
  public void remove(LoginFailure failures) {
    em.remove(failures);
  }

  @Override
  public int forgetBefore(Instant horizon) {
    return em.createNativeQuery("delete from login_failures where last_failure_at < ?1")
        .setParameter(1, horizon)
        .executeUpdate();
  }
}
