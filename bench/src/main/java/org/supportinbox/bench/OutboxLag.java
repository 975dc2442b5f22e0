package org.supportinbox.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads the service's {@code outbox} table after a phase: how long rows waited between being stored
 * ({@code created_at}, the service's clock in the storing transaction) and being marked published
 * ({@code published_at}, {@code now()} of the relay transaction that publishes the batch and
 * commits once the broker confirmed it).
 */
final class OutboxLag {

  /** How often the backlog is counted while waiting for it to drain. */
  private static final Duration POLL = Duration.ofMillis(20);

  private final String jdbcUrl;
  private final String user;
  private final String password;

  OutboxLag(String jdbcUrl, String user, String password) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  /**
   * Lag of the rows a phase stored. {@code drainedAfterMillis}: from the end of the phase until no
   * row at all was unpublished (-1 if that did not happen within the timeout). {@code
   * publishedInPhase}: rows both stored and published inside the phase window.
   */
  record Lag(
      long rows,
      long publishedInPhase,
      long unpublished,
      double p50Millis,
      double p90Millis,
      double p99Millis,
      double maxMillis,
      long drainedAfterMillis) {}

  /** The database's name: {@code jdbc:postgresql://host:port/NAME?...} to NAME. */
  String database() {
    String path = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  Lag after(LoadResult phase, Duration drainTimeout) throws SQLException, InterruptedException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
      long drained = awaitEmptyBacklog(c, phase.end(), drainTimeout);
      try (PreparedStatement ps =
          c.prepareStatement(
              "select count(*), count(*) filter (where published_at <= ?),"
                  + " count(*) filter (where published_at is null),"
                  + " percentile_cont(0.5) within group (order by lag_ms),"
                  + " percentile_cont(0.9) within group (order by lag_ms),"
                  + " percentile_cont(0.99) within group (order by lag_ms),"
                  + " max(lag_ms)"
                  + " from (select published_at,"
                  + " extract(epoch from (published_at - created_at)) * 1000 as lag_ms"
                  + " from outbox where created_at >= ? and created_at < ?) phase")) {
        ps.setTimestamp(1, Timestamp.from(phase.end()));
        ps.setTimestamp(2, Timestamp.from(phase.start()));
        ps.setTimestamp(3, Timestamp.from(phase.end()));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new Lag(
              rs.getLong(1),
              rs.getLong(2),
              rs.getLong(3),
              rs.getDouble(4),
              rs.getDouble(5),
              rs.getDouble(6),
              rs.getDouble(7),
              drained);
        }
      }
    }
  }

  /** Milliseconds from {@code since} until the outbox had no unpublished row, or -1. */
  private static long awaitEmptyBacklog(Connection c, Instant since, Duration timeout)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (PreparedStatement ps =
        c.prepareStatement("select count(*) from outbox where published_at is null")) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getLong(1) == 0) {
            return Duration.between(since, Instant.now()).toMillis();
          }
        }
        Thread.sleep(POLL.toMillis());
      }
    }
    return -1;
  }
}
