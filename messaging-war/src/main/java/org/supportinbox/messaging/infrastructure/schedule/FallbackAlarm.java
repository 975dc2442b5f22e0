package org.supportinbox.messaging.infrastructure.schedule;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.messaging.application.EmailFallbackService;

/**
 * Moves email fallbacks on when their {@code due_at} comes: every {@link #EVERY_SECONDS} s, in
 * batches of {@link #BATCH} until none is due ({@link EmailFallbackService#fallDue}). Like the
 * {@link SnoozeAlarm}, the state is in the database: a fallback survives restarts and one that fell
 * due while messaging was down moves at the first check after start-up; with many instances, rows
 * are taken with {@code FOR UPDATE SKIP LOCKED} and a moved row is no longer due, so each moves
 * once.
 */
@ApplicationScoped
public class FallbackAlarm {

  private static final Logger LOG = Logger.getLogger(FallbackAlarm.class.getName());

  /** How late a fallback may go out, at most (plus the time a batch and the send take). */
  static final int EVERY_SECONDS = 2;

  static final int BATCH = 200;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject EmailFallbackService fallbacks;

  public void start() {
    scheduler.scheduleWithFixedDelay(this::check, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
  }

  /** Never throws: an exception would end the schedule. A failed check is retried next time. */
  void check() {
    try {
      int moved;
      do {
        moved = fallbacks.fallDue(BATCH);
        if (moved > 0) {
          LOG.info("email fallbacks due: moved " + moved);
        }
      } while (moved == BATCH);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "email fallback check failed; next try in " + EVERY_SECONDS + " s", e);
    }
  }
}
