package org.supportinbox.platform;

import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;

/**
 * The start-up steps every service takes the same way. Each throws, which fails the deployment, so
 * readiness never reports a half-started service.
 */
public final class ServiceStart {

  private static final Logger LOG = Logger.getLogger(ServiceStart.class.getName());

  private ServiceStart() {}

  /** Refuses to go on while any list names a problem, naming them all at once. */
  @SafeVarargs
  public static void requireValid(String service, List<String>... problemLists) {
    List<String> problems = new ArrayList<>();
    for (List<String> list : problemLists) {
      problems.addAll(list);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(service + " cannot start: " + String.join("; ", problems));
    }
  }

  /**
   * Migrates the schema with Flyway (scripts in {@code classpath:db/migration} of {@code loader}),
   * then has Hibernate validate the entity mappings against it: Hibernate never changes a schema.
   */
  public static void migrateAndValidate(
      ClassLoader loader, DataSource dataSource, EntityManagerFactory emf) {
    MigrateResult result =
        Flyway.configure(loader)
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
    emf.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
  }
}
