package org.supportinbox.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

  @Test
  void connectionFailuresAndAStandbyAreOutages() {
    // PgJDBC: no primary among the hosts (08001), a connection lost (08006).
    assertTrue(DatabaseOutage.isCauseOf(new SQLException("no primary", "08001")));
    assertTrue(DatabaseOutage.isCauseOf(new SQLException("I/O error", "08006")));
    // A server shutting down, one that is starting, a read-only standby.
    assertTrue(DatabaseOutage.isCauseOf(new SQLException("terminating", "57P01")));
    assertTrue(DatabaseOutage.isCauseOf(new SQLException("starting up", "57P03")));
    assertTrue(DatabaseOutage.isCauseOf(new SQLException("read-only", "25006")));
    assertTrue(DatabaseOutage.isCauseOf(new SQLTransientConnectionException("pool")));
  }

  @Test
  void theOutageIsFoundAmongTheCauses() {
    RuntimeException wrapped =
        new IllegalStateException(
            "transaction failed",
            new RuntimeException("could not execute", new SQLException("gone", "08006")));
    assertTrue(DatabaseOutage.isCauseOf(wrapped));
  }

  @Test
  void otherFailuresAreNot() {
    assertFalse(DatabaseOutage.isCauseOf(new IllegalStateException("bug")));
    // Unique violation, a syntax error, no state at all.
    assertFalse(DatabaseOutage.isCauseOf(new SQLException("duplicate", "23505")));
    assertFalse(DatabaseOutage.isCauseOf(new SQLException("syntax", "42601")));
    assertFalse(DatabaseOutage.isCauseOf(new RuntimeException(new SQLException("?"))));
  }

  @Test
  void aLoopingCauseChainEnds() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertFalse(DatabaseOutage.isCauseOf(a));
  }
}
