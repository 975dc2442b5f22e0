package org.supportinbox.messaging.infrastructure.jpa;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;
import org.supportinbox.messaging.infrastructure.config.MessagingConfig;
import org.supportinbox.messaging.infrastructure.rabbitmq.OutboxRelay;
import org.supportinbox.web.SharedConfig;

/**
 * Start-up, in order: refuse a bad configuration, migrate the schema with Flyway, validate the
 * entity mappings against it with Hibernate, start the outbox relay. Any failure fails the
 * deployment, so readiness never reports a half-started service.
 */
@ApplicationScoped
public class Bootstrap {

  private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());

  @Inject MessagingConfig config;

  @Inject SharedConfig shared;

  @Resource(lookup = "jdbc/inbox")
  DataSource dataSource;

  @PersistenceUnit(unitName = "inbox")
  EntityManagerFactory emf;

  @Inject OutboxRelay relay;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    var problems = new java.util.ArrayList<>(shared.problems());
    problems.addAll(config.problems());
    if (!problems.isEmpty()) {
      throw new IllegalStateException("messaging cannot start: " + String.join("; ", problems));
    }
    MigrateResult result =
        Flyway.configure(Bootstrap.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .failOnMissingLocations(true)
            .load()
            .migrate();
    LOG.info(
        () ->
            "schema at version "
                + result.targetSchemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied now)");
    // Hibernate never changes the schema; it only checks that the mappings fit what Flyway built.
    emf.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    relay.start();
  }
}
