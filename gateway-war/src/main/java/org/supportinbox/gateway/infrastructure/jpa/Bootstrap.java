package org.supportinbox.gateway.infrastructure.jpa;

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
import org.supportinbox.gateway.application.OperatorService;
import org.supportinbox.gateway.infrastructure.config.GatewayConfig;

/**
 * Start-up, in order: refuse a bad configuration, migrate the schema with Flyway, validate the
 * mappings with Hibernate, create the first admin if no operator exists. Any failure fails the
 * deployment.
 */
@ApplicationScoped
public class Bootstrap {

  private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());

  @Inject GatewayConfig config;

  @Resource(lookup = "jdbc/inbox")
  DataSource dataSource;

  @PersistenceUnit(unitName = "inbox")
  EntityManagerFactory emf;

  @Inject OperatorService operators;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    var problems = config.problems();
    if (!problems.isEmpty()) {
      throw new IllegalStateException("gateway cannot start: " + String.join("; ", problems));
    }
    MigrateResult result =
        Flyway.configure(Bootstrap.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .failOnMissingLocations(true)
            .load()
            .migrate();
    LOG.info(() -> "schema at version " + result.targetSchemaVersion);
    emf.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    operators.ensureFirstAdmin(config.adminUser(), config.adminPassword());
  }
}
