package org.supportinbox.gateway.infrastructure.jdbc;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.supportinbox.gateway.application.SharedBuckets;

/**
 * The rate limits' buckets in {@code rate_limits} (V7): every take of a request, one bucket or
 * several, is one call of the database function {@code take_rate_limits}, i.e. one statement, one
 * round trip and one commit (autocommit), however many buckets it takes from. The function keeps a
 * GCRA timestamp per bucket on the database's clock, inserts missing buckets, locks the request's
 * rows in key order and takes from all of them or from none (V7 explains the arithmetic). Two
 * instances taking from one bucket wait for each other's statement on its row, which is locked only
 * while the function runs on the server, never across a round trip.
 *
 * <p>Plain JDBC outside any JTA transaction; its callers run in none. A row is full again once its
 * timestamp has passed; {@link #forgetExpired} deletes such rows ({@link #KEEP_AFTER_FULL} later).
 */
@ApplicationScoped
public class PostgresSharedBuckets implements SharedBuckets {

  /** A statement that has not answered by then fails (and the request with it: 503). */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  /** Rows are kept this long after their bucket is full again. */
  static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(10);

  private static final String TAKE = "select take_rate_limits(?, ?)";

  private static final String FORGET =
      "delete from rate_limits where id in (select id from rate_limits"
          + " where tat < (extract(epoch from clock_timestamp()) * 1000000)::bigint - ?"
          + " limit ? for update skip locked)";

  @Resource(lookup = "jdbc/inbox")
  DataSource dataSource;

  @Override
  public long[] tryTake(List<Take> takes) {
    String[] keys = new String[takes.size()];
    Integer[] rates = new Integer[takes.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = takes.get(i).key();
      rates[i] = takes.get(i).perMinute();
    }
    try (Connection c = connection();
        PreparedStatement take = c.prepareStatement(TAKE)) {
      take.setQueryTimeout((int) REQUEST_TIMEOUT.toSeconds());
      Array keyArray = c.createArrayOf("text", keys);
      Array rateArray = c.createArrayOf("int4", rates);
      take.setArray(1, keyArray);
      take.setArray(2, rateArray);
      try (ResultSet rs = take.executeQuery()) {
        rs.next();
        Long[] micros = (Long[]) rs.getArray(1).getArray();
        if (micros.length != keys.length) {
          throw new IllegalStateException(
              "take_rate_limits answered " + micros.length + " waits for " + keys.length + " keys");
        }
        long[] nanos = new long[micros.length];
        for (int i = 0; i < nanos.length; i++) {
          nanos[i] = TimeUnit.MICROSECONDS.toNanos(micros[i]);
        }
        return nanos;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the rate limits' buckets cannot be read: " + e, e);
    }
  }

  @Override
  public int forgetExpired(int max) {
    try (Connection c = connection();
        PreparedStatement forget = c.prepareStatement(FORGET)) {
      forget.setQueryTimeout((int) REQUEST_TIMEOUT.toSeconds());
      forget.setLong(1, TimeUnit.MILLISECONDS.toMicros(KEEP_AFTER_FULL.toMillis()));
      forget.setInt(2, max);
      return forget.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("expired rate-limit buckets cannot be deleted: " + e, e);
    }
  }

  /** A pooled connection in autocommit: each statement is its own transaction. */
  private Connection connection() throws SQLException {
    Connection c = dataSource.getConnection();
    try {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }
}
