package org.supportinbox.messaging.infrastructure.schedule;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.messaging.application.MailService;

/**
 * Takes up mail deliveries left {@code sending} by a claim that ran out without a report (the mail
 * function replica holding it was killed after its event's retries were spent): every {@link
 * #EVERY_SECONDS} s, in batches of {@link #BATCH} until none is left ({@link
 * MailService#requeueLapsedClaims}). The state is in the database, so a claim that lapsed while
 * messaging was down is taken up at the first sweep after start-up; with many instances, rows are
 * taken with {@code FOR UPDATE SKIP LOCKED} and a moved row is no longer {@code sending}, so each
 * is queued again once.
 */
@ApplicationScoped
public class ClaimSweep {

  private static final Logger LOG = Logger.getLogger(ClaimSweep.class.getName());

  static final int EVERY_SECONDS = 10;

  static final int BATCH = 100;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject MailService mail;

  public void start() {
    scheduler.scheduleWithFixedDelay(this::sweep, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
  }

  /** Never throws: an exception would end the schedule. A failed sweep is retried next time. */
  void sweep() {
    try {
      int moved;
      do {
        moved = mail.requeueLapsedClaims(BATCH);
      } while (moved == BATCH);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "sweeping lapsed mail claims failed; next try in " + EVERY_SECONDS + " s",
          e);
    }
  }
}
