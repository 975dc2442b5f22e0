package org.supportinbox.messaging.infrastructure.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Up when PostgreSQL answers; reports the outbox backlog (unpublished rows and the age of the
 * oldest in ms).
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  @Resource(lookup = "jdbc/inbox")
  DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select count(*), coalesce(extract(epoch from now() - min(created_at)) * 1000, 0)"
                    + " from outbox where published_at is null")) {
      ps.setQueryTimeout(2);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return response
            .up()
            .withData("outbox_backlog", rs.getLong(1))
            .withData("outbox_oldest_ms", rs.getLong(2))
            .build();
      }
    } catch (SQLException e) {
      return response.down().withData("error", e.getMessage()).build();
    }
  }
}
