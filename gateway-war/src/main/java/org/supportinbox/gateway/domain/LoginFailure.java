package org.supportinbox.gateway.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Failed logins for one user name (known or not) from one client ({@link ClientAddress}), or from
 * every client ({@link #EVERY_CLIENT}). Failures decay: one is forgiven for every {@code decay}
 * that passes without a new one, so a slow trickle of guesses never adds up. From the {@code
 * free}-th failure on, each further one locks the name for this client for twice as long as the one
 * before (1 s, 2 s, 4 s, ...), up to {@code maxLock}.
 */
@Entity
@Table(name = "login_failures")
public class LoginFailure {

  /** The {@code client} of the row that counts a name's failures from every address. */
  public static final String EVERY_CLIENT = "*";

  /** Primary key: user name and client. */
  @Embeddable
  public record Key(String username, String client) implements Serializable {}

  @EmbeddedId private Key key;

  @Column(nullable = false)
  private int failures;

  @Column(name = "locked_until")
  private Instant lockedUntil;

  @Column(name = "last_failure_at", nullable = false)
  private Instant lastFailureAt;

  protected LoginFailure() {}

  public LoginFailure(String username, String client, Instant at) {
    this.key = new Key(username, client);
    this.lastFailureAt = at;
  }

  /** The failures that still count at {@code now}, after decay. */
  public int failuresAt(Instant now, Duration decay) {
    if (failures == 0 || !now.isAfter(lastFailureAt)) {
      return failures;
    }
    long forgiven = Duration.between(lastFailureAt, now).toMillis() / Math.max(1, decay.toMillis());
    return (int) Math.max(0, failures - forgiven);
  }

  /**
   * Records a failure at {@code at}; returns whether it locked the name for this client (a lock
   * that was not running before).
   */
  public boolean failed(Instant at, int free, Duration maxLock, Duration decay) {
    boolean wasLocked = !lockedFor(at).isZero();
    failures = failuresAt(at, decay) + 1;
    lastFailureAt = at;
    if (failures >= free) {
      int doublings = Math.min(failures - free, 30);
      Duration lock = Duration.ofSeconds(1L << doublings);
      lockedUntil = at.plus(lock.compareTo(maxLock) > 0 ? maxLock : lock);
    }
    return !wasLocked && lockedUntil != null && lockedUntil.isAfter(at);
  }

  /** How long the name stays locked for this client after {@code now}; zero when it is not. */
  public Duration lockedFor(Instant now) {
    if (lockedUntil == null || !lockedUntil.isAfter(now)) {
      return Duration.ZERO;
    }
    return Duration.between(now, lockedUntil);
  }

  /** How long until every failure counted at {@code now} has decayed. */
  public Duration clearsIn(Instant now, Duration decay) {
    int left = failuresAt(now, decay);
    if (left == 0) {
      return Duration.ZERO;
    }
    Instant clear = lastFailureAt.plus(decay.multipliedBy(failures));
    return clear.isAfter(now) ? Duration.between(now, clear) : Duration.ZERO;
  }

  public int failures() {
    return failures;
  }

  public Key key() {
    return key;
  }
}
