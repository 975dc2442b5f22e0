package org.supportinbox.gateway;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.supportinbox.auth.Caller;
import org.supportinbox.gateway.api.websocket.SocketHub;
import org.supportinbox.gateway.application.AuditLog;
import org.supportinbox.gateway.application.AutoAssign;
import org.supportinbox.gateway.application.Denylist;
import org.supportinbox.gateway.application.LoginService;
import org.supportinbox.gateway.application.OperatorService;
import org.supportinbox.gateway.application.RateLimits;
import org.supportinbox.gateway.application.SocketSeats;
import org.supportinbox.gateway.config.GatewayConfig;
import org.supportinbox.gateway.infrastructure.rabbitmq.RabbitMqEventSubscriber;
import org.supportinbox.platform.ServiceStart;
import org.supportinbox.platform.SharedConfig;

/**
 * Start-up, in order: refuse a bad configuration, migrate the schema with Flyway, validate the
 * mappings with Hibernate, create the first admin if no operator exists, read the token denylist
 * and start its refresher (every {@code Denylist.REFRESH}), subscribe to the events for the
 * sockets, start the sweep that closes sockets of expired or revoked tokens (and, every ten
 * minutes, forgets decayed login failures and expired audit entries; with {@code AUTO_ASSIGN}, it
 * also reports which operators are online here) and, first in each sweep, stamps this instance's
 * heartbeat for the socket cap over all instances (each minute it also forgets spent rate limit
 * buckets and dead instances). Any failure fails the deployment.
 */
@ApplicationScoped
public class GatewayStart {

  private static final Logger LOG = Logger.getLogger(GatewayStart.class.getName());

  @Inject GatewayConfig config;

  @Inject SharedConfig shared;

  @Resource(lookup = "jdbc/inbox")
  DataSource dataSource;

  @PersistenceUnit(unitName = "inbox")
  EntityManagerFactory emf;

  @Inject OperatorService operators;

  @Inject RabbitMqEventSubscriber subscriber;

  @Inject SocketHub hub;

  @Inject LoginService logins;

  @Resource ManagedScheduledExecutorService scheduler;

  /**
   * The denylist's refresher has a thread of its own: on the shared scheduler, a long sweep or
   * clean-up could delay it past {@link Denylist#MAX_AGE} and fail requests for nothing.
   */
  @Resource ManagedThreadFactory threads;

  @Inject Denylist denylist;

  private ScheduledExecutorService refresher;

  /** Whether the last refresh failed, so that an outage is logged once, not four times a second. */
  private volatile boolean refreshFailing;

  static final long SWEEP_SECONDS = 5;

  /**
   * Sweeps between two clean-ups of decayed login failures and expired audit entries (about ten
   * minutes); the first clean-up runs with the first sweep after start.
   */
  static final long SWEEPS_PER_CLEANUP = 120;

  /**
   * Most batches of expired audit entries deleted per clean-up, so that one clean-up never holds
   * the sweep's thread for long; what is left goes with the next.
   */
  static final int AUDIT_BATCHES_PER_CLEANUP = 20;

  private long sweeps;

  /** Sweeps between two clean-ups of spent rate limit buckets and dead instances (a minute). */
  static final long SWEEPS_PER_LIMITS_CLEANUP = 12;

  @Inject RateLimits limits;

  @Inject SocketSeats seats;

  /** Whether this instance has joined the socket cap's live instances (its first heartbeat). */
  private volatile boolean joined;

  @Inject AuditLog audit;

  @Inject AutoAssign autoAssign;

  /** One sweep; a failure is logged and the next sweep runs anyway. */
  private void sweep() {
    heartbeat();
    try {
      hub.sweep(logins.revokedAmong(hub.callers()));
    } catch (RuntimeException e) {
      LOG.log(java.util.logging.Level.WARNING, "socket sweep failed; retrying next round", e);
    }
    subscriber.checkBacklog();
    if (autoAssign.enabled()) {
      reportPresence();
    }
    if (sweeps % SWEEPS_PER_LIMITS_CLEANUP == 0) {
      forgetSpentLimits();
    }
    if (sweeps++ % SWEEPS_PER_CLEANUP == 0) {
      cleanUp();
    }
  }

  /** Tells the other instances this one is alive, with the sockets it holds (the socket cap). */
  private void heartbeat() {
    try {
      seats.heartbeat();
    } catch (RuntimeException e) {
      LOG.log(
          java.util.logging.Level.WARNING,
          "socket seats heartbeat failed; this instance's sockets stop counting after "
              + SocketSeats.TTL.toSeconds()
              + " s without one",
          e);
    }
  }

  /**
   * Deletes rate limit buckets that are full again and the socket seats of dead instances. Every
   * instance runs it; both deletes are idempotent.
   */
  private void forgetSpentLimits() {
    try {
      int buckets = limits.forgetExpired();
      int dead = seats.forgetDead();
      LOG.fine(() -> "forgot " + buckets + " full rate limit buckets, " + dead + " dead instances");
    } catch (RuntimeException e) {
      LOG.log(java.util.logging.Level.WARNING, "shared limits clean-up failed; next round", e);
    }
  }

  /** One read of the denylist; an outage is logged when it starts and when it ends. */
  private void refreshDenylist() {
    try {
      denylist.refresh();
      if (refreshFailing) {
        refreshFailing = false;
        LOG.info("token denylist refreshed again");
      }
    } catch (RuntimeException e) {
      if (!refreshFailing) {
        refreshFailing = true;
        LOG.log(
            java.util.logging.Level.WARNING,
            "token denylist refresh failed; once it is "
                + Denylist.MAX_AGE.toMillis()
                + " ms old, requests get 503 unless a read of their own succeeds; retrying every "
                + Denylist.REFRESH.toMillis()
                + " ms",
            e);
      }
    }
  }

  /** Tells the other instances which operators have a socket open here (AUTO_ASSIGN). */
  private void reportPresence() {
    try {
      autoAssign.seen(
          hub.callers().stream()
              .filter(Caller::isOperator)
              .map(Caller::subject)
              .distinct()
              .toList());
    } catch (RuntimeException e) {
      LOG.log(java.util.logging.Level.WARNING, "presence report failed; next round", e);
    }
  }

  /**
   * Forgets decayed login failures and audit entries past {@code AUDIT_RETENTION_DAYS}. Every
   * gateway instance runs it; both deletes are idempotent, so instances running it at once only
   * share the work.
   */
  private void cleanUp() {
    try {
      int forgotten = logins.forgetOldFailures();
      LOG.fine(() -> "forgot " + forgotten + " decayed login failure rows");
    } catch (RuntimeException e) {
      LOG.log(java.util.logging.Level.WARNING, "login failure clean-up failed; next round", e);
    }
    try {
      int expired = 0;
      for (int batch = 0; batch < AUDIT_BATCHES_PER_CLEANUP; batch++) {
        int deleted = audit.forgetExpired();
        expired += deleted;
        if (deleted < AuditLog.RETENTION_BATCH) {
          break;
        }
      }
      if (expired > 0) {
        int total = expired;
        LOG.info(() -> "deleted " + total + " audit entries past AUDIT_RETENTION_DAYS");
      }
    } catch (RuntimeException e) {
      LOG.log(java.util.logging.Level.WARNING, "audit retention clean-up failed; next round", e);
    }
  }

  @PreDestroy
  void stop() {
    if (refresher != null) {
      refresher.shutdownNow();
    }
    if (!joined) {
      return; // a start that failed before: nothing of this instance in the database
    }
    try {
      seats.leave();
    } catch (RuntimeException e) {
      LOG.log(
          java.util.logging.Level.WARNING,
          "could not free this instance's socket seats; they expire in "
              + SocketSeats.TTL.toSeconds()
              + " s",
          e);
    }
  }

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    ServiceStart.requireValid("gateway", shared.problems(), config.problems());
    ServiceStart.migrateAndValidate(GatewayStart.class.getClassLoader(), dataSource, emf);
    operators.ensureFirstAdmin(config.adminUser(), config.adminPassword());
    // This instance joins the socket cap's live instances before its first socket.
    seats.heartbeat();
    joined = true;
    // Requests need a fresh denylist: the first read before the first request.
    denylist.refresh();
    refresher = Executors.newSingleThreadScheduledExecutor(threads);
    long every = Denylist.REFRESH.toMillis();
    refresher.scheduleWithFixedDelay(this::refreshDenylist, every, every, TimeUnit.MILLISECONDS);
    try {
      subscriber.start();
    } catch (IOException | TimeoutException e) {
      throw new IllegalStateException(
          "gateway cannot start: RabbitMQ at "
              + shared.rabbitAddress()
              + " refused the fan-out subscription: "
              + e,
          e);
    }
    // Sockets of expired or revoked tokens are closed, and a full fan-out queue is noticed,
    // within SWEEP_SECONDS.
    scheduler.scheduleWithFixedDelay(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
  }
}
