package org.supportinbox.messaging;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import javax.sql.DataSource;
import org.supportinbox.messaging.config.MessagingConfig;
import org.supportinbox.messaging.infrastructure.outbox.OutboxRelay;
import org.supportinbox.messaging.infrastructure.schedule.AttachmentPurge;
import org.supportinbox.messaging.infrastructure.schedule.ClaimSweep;
import org.supportinbox.messaging.infrastructure.schedule.FallbackAlarm;
import org.supportinbox.messaging.infrastructure.schedule.SnoozeAlarm;
import org.supportinbox.platform.ServiceStart;
import org.supportinbox.platform.SharedConfig;

/**
 * Start-up, in order: refuse a bad configuration, migrate the schema with Flyway, validate the
 * entity mappings against it with Hibernate, start the outbox relay and the snooze alarm. Any
 * failure fails the deployment, so readiness never reports a half-started service.
 */
@ApplicationScoped
public class MessagingStart {

  @Inject MessagingConfig config;

  @Inject SharedConfig shared;

  @Resource(lookup = "jdbc/inbox")
  DataSource dataSource;

  @PersistenceUnit(unitName = "inbox")
  EntityManagerFactory emf;

  @Inject OutboxRelay relay;

  @Inject SnoozeAlarm snoozes;

  @Inject FallbackAlarm fallbacks;

  @Inject ClaimSweep claims;

  @Inject AttachmentPurge uploads;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    ServiceStart.requireValid("messaging", shared.problems(), config.problems());
    ServiceStart.migrateAndValidate(MessagingStart.class.getClassLoader(), dataSource, emf);
    relay.start();
    snoozes.start();
    fallbacks.start();
    claims.start();
    uploads.start();
  }
}
