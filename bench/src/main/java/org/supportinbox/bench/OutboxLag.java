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
 * commits once the broker confirmed it). For the AI benchmark also its {@code ai_insights}: how
 * long after its message an insight was stored ({@link #insights}).
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

  /**
   * The insights of the messages a phase stored. {@code messages}: messages stored in the phase
   * that have an insight row (every message of an analysed sender), {@code terminal}: of them,
   * those whose insight is {@code available} or {@code unavailable}, of which {@code unavailable}
   * failed. Percentiles of the terminal ones, in milliseconds: {@code stored*} of {@code
   * ai_insights.updated_at - messages.created_at} (both messaging's clock: {@code updated_at} is
   * when {@code POST /ai-insights} stored the insight, {@code created_at} when the message was),
   * {@code model*} of {@code latency_ms}, the time the function says it spent in the model.
   */
  record Insights(
      long messages,
      long terminal,
      long unavailable,
      double storedP50Millis,
      double storedP90Millis,
      double storedP99Millis,
      double storedMaxMillis,
      double modelP50Millis,
      double modelMaxMillis) {}

  /** The database's name: {@code jdbc:postgresql://host:port/NAME?...} to NAME. */
  String database() {
    String path = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  Lag after(LoadResult phase, Duration drainTimeout) throws SQLException, InterruptedException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
      long drained =
          awaitNone(
              c, "select count(*) from outbox where published_at is null", phase, drainTimeout);
      double[] r =
          one(
              c,
              "select count(*), count(*) filter (where published_at <= ?),"
                  + " count(*) filter (where published_at is null),"
                  + " percentile_cont(0.5) within group (order by lag_ms),"
                  + " percentile_cont(0.9) within group (order by lag_ms),"
                  + " percentile_cont(0.99) within group (order by lag_ms),"
                  + " max(lag_ms)"
                  + " from (select published_at,"
                  + " extract(epoch from (published_at - created_at)) * 1000 as lag_ms"
                  + " from outbox where created_at >= ? and created_at < ?) phase",
              phase.end(),
              phase.start(),
              phase.end());
      return new Lag((long) r[0], (long) r[1], (long) r[2], r[3], r[4], r[5], r[6], drained);
    }
  }

  /**
   * Insights of the messages {@code phase} stored, once none is {@code processing} any more, or
   * after {@code timeout}.
   */
  Insights insights(LoadResult phase, Duration timeout) throws SQLException, InterruptedException {
    String window =
        " from ai_insights i join messages m on m.id = i.message_id"
            + " where m.created_at >= ? and m.created_at < ?";
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
      awaitNone(
          c,
          "select count(*)" + window + " and i.status = 'processing'",
          phase,
          timeout,
          phase.start(),
          phase.end());
      double[] r =
          one(
              c,
              "select count(*), count(*) filter (where status <> 'processing'),"
                  + " count(*) filter (where status = 'unavailable'),"
                  + percentiles("stored_ms", 0.5, 0.9, 0.99)
                  + ", max(stored_ms) filter (where status <> 'processing'),"
                  + percentiles("latency_ms", 0.5)
                  + ", max(latency_ms) filter (where status <> 'processing')"
                  + " from (select i.status, i.latency_ms,"
                  + " extract(epoch from (i.updated_at - m.created_at)) * 1000 as stored_ms"
                  + window
                  + ") phase",
              phase.start(),
              phase.end());
      return new Insights(
          (long) r[0], (long) r[1], (long) r[2], r[3], r[4], r[5], r[6], r[7], r[8]);
    }
  }

  /** {@code percentile_cont} of {@code column} over the terminal insights, one per fraction. */
  private static String percentiles(String column, double... fractions) {
    StringBuilder sql = new StringBuilder();
    for (double f : fractions) {
      sql.append(sql.length() == 0 ? " " : ", ")
          .append("percentile_cont(")
          .append(f)
          .append(") within group (order by ")
          .append(column)
          .append(") filter (where status <> 'processing')");
    }
    return sql.toString();
  }

  /**
   * Milliseconds from the end of {@code phase} until {@code countQuery} (with {@code parameters})
   * counted none, polling, or -1 if it still counted some after {@code timeout}.
   */
  private static long awaitNone(
      Connection c, String countQuery, LoadResult phase, Duration timeout, Instant... parameters)
      throws SQLException, InterruptedException {
    Instant since = phase.end();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (PreparedStatement ps = prepared(c, countQuery, parameters)) {
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

  /** The one row {@code sql} (with {@code parameters}) returns, every column as a number. */
  private static double[] one(Connection c, String sql, Instant... parameters) throws SQLException {
    try (PreparedStatement ps = prepared(c, sql, parameters);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      double[] row = new double[rs.getMetaData().getColumnCount()];
      for (int i = 0; i < row.length; i++) {
        row[i] = rs.getDouble(i + 1);
      }
      return row;
    }
  }

  private static PreparedStatement prepared(Connection c, String sql, Instant... parameters)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      ps.setTimestamp(i + 1, Timestamp.from(parameters[i]));
    }
    return ps;
  }
}
