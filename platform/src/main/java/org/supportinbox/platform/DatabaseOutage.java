package org.supportinbox.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a failure because the database cannot take the request now (unreachable, shutting down, a
 * standby not yet promoted, a read-only server, no connection free in the pool) from any other: a
 * request failing so is answered {@code 503} with {@code Retry-After} (the client sends it again,
 * with the same idempotency key), never {@code 500}. Nothing of such a request was stored, or, when
 * the connection broke during the commit, the retry finds what was (the key).
 */
public final class DatabaseOutage {

  /**
   * SQLSTATEs of a database that cannot take the request now: class 08 (connection exception),
   * 57P01 to 57P03 (admin shutdown, crash shutdown, cannot connect now: a server starting or a
   * standby), 25006 (read-only transaction: a standby, or a primary set read-only), 53300 (too many
   * connections). https://www.postgresql.org/docs/current/errcodes-appendix.html
   */
  static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "25006", "53300");

  /**
   * Exceptions that mean the same, by class name (their modules are not on every service's class
   * path): Hibernate's translation of class 08, and the Jakarta Connectors pool's own failure to
   * hand out a connection (none free within the pool's wait, or none could be made).
   */
  static final Set<String> CLASSES =
      Set.of(
          "org.hibernate.exception.JDBCConnectionException",
          "jakarta.resource.spi.ResourceAllocationException",
          "com.sun.appserv.connectors.internal.api.PoolingException");

  private DatabaseOutage() {}

  /** Whether {@code failure} or one of its causes says the database cannot take requests now. */
  public static boolean isCauseOf(Throwable failure) {
    Throwable t = failure;
    // Bounded: a cause chain can loop.
    for (int depth = 0; t != null && depth < 32; depth++, t = next(t)) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || STATES.contains(state)) {
          return true;
        }
      }
      if (CLASSES.contains(t.getClass().getName())) {
        return true;
      }
    }
    return false;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof SQLException sql && sql.getNextException() != null && t.getCause() == null) {
      return sql.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }
}
