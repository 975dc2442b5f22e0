package org.supportinbox.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.supportinbox.auth.Caller;
import org.supportinbox.auth.TokenIssuer;
import org.supportinbox.contracts.rest.LoginResult;
import org.supportinbox.gateway.domain.LoginFailure;
import org.supportinbox.gateway.domain.Operator;
import org.supportinbox.gateway.domain.OperatorRole;
import org.supportinbox.gateway.infrastructure.config.GatewayConfig;
import org.supportinbox.gateway.infrastructure.security.PasswordHasher;
import org.supportinbox.web.SharedConfig;

/**
 * Login, logout and revocation. A failed login costs the same whether the user exists or not (the
 * password is checked against a decoy hash) and answers the same; failures per user name lock it
 * with a doubling back-off.
 */
@ApplicationScoped
public class LoginService {

  private static final Logger LOG = Logger.getLogger(LoginService.class.getName());

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Inject PasswordHasher hasher;

  @Inject GatewayConfig config;

  @Inject SharedConfig shared;

  @Transactional(dontRollbackOn = InvalidCredentialsException.class)
  public LoginResult login(String rawUsername, String password) {
    String username = rawUsername.strip().toLowerCase(Locale.ROOT);
    Instant now = Instant.now();
    em.createNativeQuery(
            "insert into login_failures (username, failures, last_failure_at) values (?1, 0, ?2)"
                + " on conflict (username) do nothing")
        .setParameter(1, username)
        .setParameter(2, now)
        .executeUpdate();
    // The row lock serialises attempts on one name, so parallel guesses cannot skip the back-off.
    LoginFailure failures = em.find(LoginFailure.class, username, LockModeType.PESSIMISTIC_WRITE);
    var locked = failures.lockedFor(now);
    if (!locked.isZero()) {
      LOG.warning(() -> "login refused, locked out username=" + username);
      throw new LockedOutException(locked);
    }
    Operator operator = em.find(Operator.class, username);
    boolean ok =
        operator == null
            ? hasher.matchesNothing(password.toCharArray())
            : hasher.matches(password.toCharArray(), operator.passwordHash())
                && !operator.disabled();
    if (!ok) {
      failures.failed(Instant.now(), config.loginFreeFailures(), config.loginMaxLock());
      LOG.warning(
          () -> "login failed username=" + username + " consecutive=" + failures.failures());
      throw new InvalidCredentialsException();
    }
    em.remove(failures);
    Set<String> groups =
        operator.role() == OperatorRole.ADMIN
            ? Set.of(OperatorRole.ADMIN.wire(), OperatorRole.OPERATOR.wire())
            : Set.of(OperatorRole.OPERATOR.wire());
    TokenIssuer.Issued token =
        shared
            .issuer()
            .issue(username, operator.displayName(), groups, config.tokenTtl(), Map.of());
    LOG.info(() -> "login username=" + username + " jti=" + token.jti());
    return new LoginResult(
        token.token(),
        "bearer",
        config.tokenTtl().toSeconds(),
        operator.displayName(),
        operator.role().wire());
  }

  /** Revokes the caller's token until it would have expired. */
  @Transactional
  public void logout(Caller caller) {
    if (caller.jti() == null) {
      return; // nothing to name it by; such tokens are not issued by this gateway
    }
    em.createNativeQuery(
            "insert into revoked_tokens (jti, expires_at) values (?1, ?2)"
                + " on conflict (jti) do nothing")
        .setParameter(1, caller.jti())
        .setParameter(2, Instant.ofEpochSecond(caller.expiresAt()))
        .executeUpdate();
    em.createNativeQuery("delete from revoked_tokens where expires_at < now()").executeUpdate();
    LOG.info(() -> "logout username=" + caller.subject() + " jti=" + caller.jti());
  }

  /**
   * Which of {@code callers} no longer count: the socket sweep asks this for every connected socket
   * at once. It runs in a transaction of its own because the sweep's thread has none, and an entity
   * manager used there without one was closed after its first query.
   */
  @Transactional(Transactional.TxType.REQUIRED)
  public Predicate<Caller> revokedAmong(Collection<Caller> callers) {
    return revokedIn(callers);
  }

  /** Whether a verified token no longer counts: logged out, or its operator is disabled. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public boolean revoked(Caller caller) {
    return revokedIn(List.of(caller)).test(caller);
  }

  /** One query: the logged-out {@code jti}s and the disabled operators among {@code callers}. */
  private Predicate<Caller> revokedIn(Collection<Caller> callers) {
    if (callers.isEmpty()) {
      return caller -> false;
    }
    String[] jtis =
        callers.stream()
            .map(Caller::jti)
            .filter(Objects::nonNull)
            .distinct()
            .toArray(String[]::new);
    String[] names = callers.stream().map(Caller::subject).distinct().toArray(String[]::new);
    Set<String> revokedJtis = new HashSet<>();
    Set<String> disabled = new HashSet<>();
    List<?> rows =
        em.createNativeQuery(
                "select 'jti', jti from revoked_tokens where jti = any(cast(?1 as text[]))"
                    + " union all select 'user', username from operators"
                    + " where disabled and username = any(cast(?2 as text[]))")
            .setParameter(1, jtis)
            .setParameter(2, names)
            .getResultList();
    for (Object row : rows) {
      Object[] kindAndValue = (Object[]) row;
      ("jti".equals(kindAndValue[0]) ? revokedJtis : disabled).add((String) kindAndValue[1]);
    }
    return caller ->
        (caller.jti() != null && revokedJtis.contains(caller.jti()))
            || disabled.contains(caller.subject());
  }
}
