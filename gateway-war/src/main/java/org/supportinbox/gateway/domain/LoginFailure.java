package org.supportinbox.gateway.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * Consecutive failed logins for one user name, known or not. From the {@code free}-th failure on,
 * each further failure locks the name for twice as long as the one before (1 s, 2 s, 4 s, ...), up
 * to {@code maxLock}.
 */
@Entity
@Table(name = "login_failures")
public class LoginFailure {

  @Id private String username;

  @Column(nullable = false)
  private int failures;

  @Column(name = "locked_until")
  private Instant lockedUntil;

  @Column(name = "last_failure_at", nullable = false)
  private Instant lastFailureAt;

  protected LoginFailure() {}

  public LoginFailure(String username) {
    this.username = username;
  }

  public void failed(Instant at, int free, Duration maxLock) {
    failures++;
    lastFailureAt = at;
    if (failures >= free) {
      int doublings = Math.min(failures - free, 30);
      Duration lock = Duration.ofSeconds(1L << doublings);
      lockedUntil = at.plus(lock.compareTo(maxLock) > 0 ? maxLock : lock);
    }
  }

  /** How long the name stays locked after {@code now}; zero when it is not locked. */
  public Duration lockedFor(Instant now) {
    if (lockedUntil == null || !lockedUntil.isAfter(now)) {
      return Duration.ZERO;
    }
    return Duration.between(now, lockedUntil);
  }

  public int failures() {
    return failures;
  }
}
