package org.supportinbox.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.supportinbox.auth.Caller;
import org.supportinbox.auth.Roles;
import org.supportinbox.auth.TokenIssuer;
import org.supportinbox.contracts.rest.LoginResult;
import org.supportinbox.gateway.config.GatewayConfig;
import org.supportinbox.gateway.domain.ClientAddress;
import org.supportinbox.gateway.domain.LoginFailure;
import org.supportinbox.gateway.domain.LoginFailureRepository;
import org.supportinbox.gateway.domain.Operator;
import org.supportinbox.gateway.domain.OperatorRepository;
import org.supportinbox.gateway.domain.OperatorRole;
import org.supportinbox.gateway.domain.RevocationRepository;
import org.supportinbox.platform.LogText;
import org.supportinbox.platform.SharedConfig;

/**
 * Login, logout and revocation.
 *
 * <p>A failed login costs the same whether the user exists or not (the password is checked against
 * a decoy hash) and answers the same. Failures are counted per user name and client address (IPv6:
 * its /64), decay over time ({@code LOGIN_FAILURE_DECAY_SECONDS}), and lock that address out for
 * that name with a doubling back-off; the right password from another address still works, so
 * nobody can lock an account out for its owner. Across all addresses, a name with more than {@code
 * LOGIN_NAME_MAX_FAILURES} recent failures is under attack: then an address that has failed for it
 * may not try again until its failures decayed, which slows a guesser with many addresses to one
 * guess per address, while addresses that have not failed still log in.
 *
 * <p>A token counts until it expires, unless its {@code jti} was logged out, its operator is
 * disabled, its generation is older than the account's (role, password or disabled changed), or,
 * for a customer, the conversation's chat was ended. Those are stored in the gateway's database and
 * checked against each instance's {@link Denylist}, which reads them back within a second.
 */
@ApplicationScoped
public class LoginService {

  private static final Logger LOG = Logger.getLogger(LoginService.class.getName());

  @Inject OperatorRepository operators;

  @Inject LoginFailureRepository loginFailures;

  @Inject RevocationRepository revocations;

  @Inject Denylist denylist;

  @Inject PasswordHasher hasher;

  @Inject GatewayConfig config;

  @Inject SharedConfig shared;

  @Inject AuditLog audit;

  @Transactional(dontRollbackOn = InvalidCredentialsException.class)
  public LoginResult login(String rawUsername, String password, String clientAddress) {
    // The pattern first: an 8 KB or multi-line name is a 400, and never reaches the database or
    // a log line.
    String username = OperatorService.username(rawUsername);
    String client = ClientAddress.key(clientAddress);
    Instant now = Instant.now();
    Duration decay = config.loginFailureDecay();
    // The name-wide row is locked first: it serialises attempts on one name, so parallel guesses
    // cannot skip the back-off, and two rows are always locked in the same order.
    LoginFailure name = loginFailures.lockedFailuresOf(username, LoginFailure.EVERY_CLIENT, now);
    LoginFailure mine = loginFailures.lockedFailuresOf(username, client, now);
    Operator operator = operators.find(username);
    String who = operator == null ? "an unknown user name" : "username=" + username;
    Duration locked = mine.lockedFor(now);
    if (!locked.isZero()) {
      LOG.warning(() -> "login refused, locked out: " + who + " client=" + client);
      throw new LockedOutException(locked);
    }
    boolean underAttack = name.failuresAt(now, decay) >= config.loginNameMaxFailures();
    if (underAttack && mine.failuresAt(now, decay) > 0) {
      LOG.warning(
          () ->
              "login refused, name under attack and this address failed: "
                  + who
                  + " client="
                  + client);
      throw new LockedOutException(mine.clearsIn(now, decay));
    }
    boolean passwordMatches =
        operator == null
            ? hasher.matchesNothing(password.toCharArray())
            : hasher.matches(password.toCharArray(), operator.passwordHash());
    if (operator == null || !passwordMatches || operator.disabled()) {
      failed(
          operator,
          passwordMatches ? "account disabled" : "wrong password",
          username,
          client,
          name,
          mine,
          underAttack);
      throw new InvalidCredentialsException();
    }
    loginFailures.remove(mine);
    Set<String> groups =
        operator.role() == OperatorRole.ADMIN
            ? Set.of(OperatorRole.ADMIN.wire(), OperatorRole.OPERATOR.wire())
            : Set.of(OperatorRole.OPERATOR.wire());
    TokenIssuer.Issued token =
        shared
            .issuer()
            .issue(
                username,
                operator.displayName(),
                groups,
                config.tokenTtl(),
                Map.of(Caller.GENERATION_CLAIM, operator.tokenGeneration()));
    LOG.info(() -> "login username=" + username + " client=" + client + " jti=" + token.jti());
    return new LoginResult(
        token.token(),
        "bearer",
        config.tokenTtl().toSeconds(),
        operator.displayName(),
        operator.role().wire());
  }

  /**
   * Counts a failure, and records it in the audit log when the name is an account's. Unknown names
   * are not recorded (often a password typed into the wrong field, and a stream of random names
   * would grow the table at the login rate of every address an attacker has); a known name costs an
   * attacker the lock-out's back-off, so one address adds a few entries per name per decay
   * interval, and {@code AUDIT_RETENTION_DAYS} bounds what stays. The entry is one insert in the
   * transaction that already updates two rows, next to a password hash that takes far longer.
   */
  private void failed(
      Operator operator,
      String reason,
      String username,
      String client,
      LoginFailure name,
      LoginFailure mine,
      boolean wasUnderAttack) {
    Instant now = Instant.now();
    Duration decay = config.loginFailureDecay();
    boolean locks = mine.failed(now, config.loginFreeFailures(), config.loginMaxLock(), decay);
    name.failed(now, Integer.MAX_VALUE, config.loginMaxLock(), decay);
    // Unknown names are often a password typed into the wrong field: never logged or stored.
    String subject = operator == null ? null : username;
    String who = subject == null ? "an unknown user name" : "username=" + username;
    LOG.warning(
        () ->
            "login failed: "
                + who
                + " client="
                + client
                + " failures="
                + mine.failuresAt(now, decay));
    if (subject != null) {
      audit.record(
          now,
          null,
          AuditLog.LOGIN_FAILED,
          subject,
          client,
          reason + ", failure " + mine.failuresAt(now, decay) + " from this address");
    }
    if (locks) {
      audit.record(
          now,
          null,
          AuditLog.LOGIN_LOCKED,
          subject,
          client,
          "locked for this address for "
              + mine.lockedFor(now).toSeconds()
              + " s after "
              + mine.failures()
              + " failures"
              + (subject == null ? " (unknown user name)" : ""));
    }
    if (!wasUnderAttack && name.failuresAt(now, decay) >= config.loginNameMaxFailures()) {
      audit.record(
          now,
          null,
          AuditLog.LOGIN_NAME_UNDER_ATTACK,
          subject,
          null,
          name.failures()
              + " recent failures from all addresses: addresses that failed wait until their"
              + " failures decay"
              + (subject == null ? " (unknown user name)" : ""));
    }
  }

  /**
   * Forgets failures that decayed long ago (they count for nothing) and lock rows that expired, so
   * that guesses at random names do not grow the table for ever.
   */
  @Transactional
  public int forgetOldFailures() {
    Instant horizon =
        Instant.now()
            .minus(config.loginFailureDecay().multipliedBy(config.loginNameMaxFailures()))
            .minus(config.loginMaxLock());
    return loginFailures.forgetBefore(horizon);
  }

  /**
   * Revokes the caller's token until it would have expired; a customer's logout ends the chat:
   * every token of its conversation stops working, and the start can no longer be replayed.
   */
  @Transactional
  public void logout(Caller caller) {
    if (caller.hasRole(Roles.CUSTOMER) && caller.conversationId() != null) {
      UUID conversation = uuidOrNull(caller.conversationId());
      if (conversation != null) {
        Instant now = Instant.now();
        revocations.endCustomerSession(conversation, now);
        denylist.sessionEnded(conversation, now);
      }
    }
    if (caller.jti() == null) {
      return; // nothing to name it by; such tokens are not issued by this gateway
    }
    Instant expiresAt = Instant.ofEpochSecond(caller.expiresAt());
    revocations.revoke(caller.jti(), expiresAt);
    // Denied here at once (before the commit: should it fail, the token is refused here only,
    // which is what its owner asked for); the other instances read it within Denylist.REFRESH.
    denylist.loggedOut(caller.jti(), expiresAt);
    LOG.info(() -> "logout subject=" + LogText.of(caller.subject()) + " jti=" + caller.jti());
  }

  /** Whether the customer of {@code conversation} ended the chat (logged out, "New chat"). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public boolean customerSessionEnded(UUID conversation) {
    return revocations.customerSessionEnded(conversation);
  }

  /**
   * Which of {@code callers} no longer count: the socket sweep asks this for every connected socket
   * at once, from this instance's {@link Denylist} (no query).
   */
  public Predicate<Caller> revokedAmong(Collection<Caller> callers) {
    return denylist.revokedAmong(callers);
  }

  /**
   * Whether a verified token no longer counts (see the class comment), from this instance's {@link
   * Denylist}: no query. Throws {@link RevocationUnavailableException} when it is too old to tell.
   */
  public boolean revoked(Caller caller) {
    return denylist.revoked(caller);
  }

  private static UUID uuidOrNull(String text) {
    if (text == null) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
