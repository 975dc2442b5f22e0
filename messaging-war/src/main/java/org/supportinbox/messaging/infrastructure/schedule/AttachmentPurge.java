package org.supportinbox.messaging.infrastructure.schedule;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.messaging.application.AttachmentService;

/**
 * Deletes uploads that no message sent within {@code AttachmentService.UPLOAD_TTL} (an hour): every
 * {@link #EVERY_SECONDS} s, one statement. With many messaging instances each deletes; a row goes
 * once, and an upload being bound meanwhile is either bound (moved out first) or gone (the message
 * naming it is then refused, 400, and nothing of it is stored).
 */
@ApplicationScoped
public class AttachmentPurge {

  private static final Logger LOG = Logger.getLogger(AttachmentPurge.class.getName());

  static final int EVERY_SECONDS = 10;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject AttachmentService attachments;

  public void start() {
    scheduler.scheduleWithFixedDelay(this::purge, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
  }

  /** Never throws: an exception would end the schedule. A failed purge is retried next time. */
  void purge() {
    try {
      int deleted = attachments.purgeUploads();
      if (deleted > 0) {
        LOG.info("deleted " + deleted + " upload(s) never sent");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "purging uploads failed; next try in " + EVERY_SECONDS + " s", e);
    }
  }
}
