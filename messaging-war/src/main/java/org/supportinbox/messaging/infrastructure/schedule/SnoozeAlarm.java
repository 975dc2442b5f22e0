package org.supportinbox.messaging.infrastructure.schedule;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.messaging.application.ConversationService;

/**
 * Opens snoozed conversations again when their {@code snoozed_until} comes: every {@link
 * #EVERY_SECONDS} s, in batches of {@link #BATCH} until none is due. The state is in the database,
 * so a snooze survives restarts, and a due one wakes at the first check after start-up. With many
 * messaging instances each checks; a conversation wakes once, as the rows are taken with {@code FOR
 * UPDATE SKIP LOCKED} and a woken row is no longer due ({@link ConversationService#wakeDue}).
 */
@ApplicationScoped
public class SnoozeAlarm {

  private static final Logger LOG = Logger.getLogger(SnoozeAlarm.class.getName());

  /** How late a conversation may wake, at most (plus the time a batch takes). */
  static final int EVERY_SECONDS = 5;

  static final int BATCH = 200;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject ConversationService conversations;

  public void start() {
    scheduler.scheduleWithFixedDelay(this::check, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
  }

  /** Never throws: an exception would end the schedule. A failed check is retried next time. */
  void check() {
    try {
      int woken;
      do {
        woken = conversations.wakeDue(BATCH);
        if (woken > 0) {
          LOG.info("snoozes over: opened " + woken + " conversation(s) again");
        }
      } while (woken == BATCH);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "snooze check failed; next try in " + EVERY_SECONDS + " s", e);
    }
  }
}
