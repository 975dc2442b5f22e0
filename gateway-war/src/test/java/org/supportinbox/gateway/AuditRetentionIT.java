package org.supportinbox.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.GatewayUnderTest;
import org.supportinbox.testing.PayaraMicro;

/**
 * The audit retention on a real database, with two gateway instances on it: the shared test gateway
 * (the default 365 days) keeps running while a second instance with {@code AUDIT_RETENTION_DAYS=30}
 * starts; its first clean-up (with its first sweep, seconds after start) deletes the entries older
 * than 30 days and keeps the younger ones, and both instances go on serving.
 */
class AuditRetentionIT {

  private static final GatewayUnderTest GATEWAY = GatewayUnderTest.get();

  @Test
  void entriesPastTheRetentionGoAndYoungerOnesStay() throws Exception {
    String subject = "retention-" + UUID.randomUUID().toString().substring(0, 8);
    insert(subject, 400, "a year and more");
    insert(subject, 31, "a month and a day");
    insert(subject, 29, "not quite a month");
    insert(subject, 0, "today");
    try (PayaraMicro second =
        GATEWAY.startInstance("gateway-retention", Map.of("AUDIT_RETENTION_DAYS", "30"))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> details(subject).size() == 2);
      assertEquals(List.of("not quite a month", "today"), details(subject));
      io.restassured.RestAssured.given()
          .baseUri(second.baseUrl())
          .get("/health/ready")
          .then()
          .statusCode(200);
    }
    io.restassured.RestAssured.given()
        .baseUri(GATEWAY.server().baseUrl())
        .get("/health/ready")
        .then()
        .statusCode(200);
    assertEquals(List.of("not quite a month", "today"), details(subject));
  }

  private static void insert(String subject, int daysAgo, String detail) throws SQLException {
    try (Connection c = GATEWAY.database.connect();
        PreparedStatement s =
            c.prepareStatement(
                "insert into audit_log (at, action, actor, subject, client, detail)"
                    + " values (now() - make_interval(days => ?), 'test.aged', null, ?, null, ?)")) {
      s.setInt(1, daysAgo);
      s.setString(2, subject);
      s.setString(3, detail);
      s.executeUpdate();
    }
  }

  /** The details of the subject's entries, oldest first. */
  private static List<String> details(String subject) throws SQLException {
    try (Connection c = GATEWAY.database.connect();
        PreparedStatement s =
            c.prepareStatement("select detail from audit_log where subject = ? order by at")) {
      s.setString(1, subject);
      List<String> details = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          details.add(r.getString(1));
        }
      }
      return details;
    }
  }
}
