package org.supportinbox.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the run's databases did on the PostgreSQL server over a window, read before and after it
 * ({@link #snapshot}, {@link #between}) from a connection of its own to the server's {@code
 * postgres} database (so these reads count in none of the run's databases):
 *
 * <ul>
 *   <li>statements: {@code sum(calls)} of {@code pg_stat_statements} per database (top-level and
 *       nested, utility statements included but not transaction control, {@link
 *       #TRANSACTION_CONTROL}), and their execution time; only where the view exists (the run's
 *       private server preloads the module, with {@code pg_stat_statements.track = all}); per
 *       statement for messaging's database;
 *   <li>transactions: {@code xact_commit + xact_rollback} of {@code pg_stat_database} (a backend
 *       reports these when it goes idle, at most once a second, so a window's edges are about a
 *       second fuzzy);
 *   <li>round trips: {@code data_segs_in} of the server's end of each client connection ({@code ss
 *       -ti}, the kernel's TCP counters: segments with data the client sent), each connection's
 *       database from {@code pg_stat_activity.client_port}. A JDBC driver writes one request (all
 *       its messages up to {@code Sync}, a piggy-backed {@code BEGIN} included) in one flush and
 *       then waits for the answer, so on loopback (64 KiB segments) a request is one segment: this
 *       counts round trips. Connections closed within the window are missed, connections opened in
 *       it counted from their start.
 * </ul>
 */
final class PostgresCost implements AutoCloseable {

  /** Counters of one database, cumulative or over a window. */
  record Counts(long statements, long transactions, long roundTrips, double execMillis) {

    Counts minus(Counts before) {
      return new Counts(
          statements - before.statements,
          transactions - before.transactions,
          roundTrips - before.roundTrips,
          execMillis - before.execMillis);
    }
  }

  /** One statement of messaging's database: its text (truncated), calls and execution time. */
  record Statement(String query, long calls, double execMillis) {}

  /** Cumulative counters at one instant; round trips per connection (client port). */
  record Snapshot(
      Map<String, Counts> byDatabase,
      Map<String, Map<Integer, Long>> segmentsByDatabase,
      Map<String, Statement> statements) {}

  /**
   * A window: counters per database (by the label given at construction); {@code top}: messaging's
   * statements by calls, most first; whether statements and round trips were counted at all.
   */
  record Window(
      Map<String, Counts> byDatabase,
      List<Statement> top,
      boolean statementsCounted,
      boolean roundTripsCounted) {}

  /**
   * Transaction control, not counted as statements: PostgreSQL 15's pg_stat_statements counts a
   * utility statement run again from the same server-prepared statement only once (pgjdbc prepares
   * its {@code COMMIT} after a few uses: 1 of 10 commits counted in a check), and {@code
   * pg_stat_database} counts the transactions.
   */
  static final String TRANSACTION_CONTROL =
      "^\\s*(begin|commit|rollback|start transaction|end|abort)\\y";

  /** How long a statement's text may be in the report. */
  static final int QUERY_CHARS = 160;

  private static final Pattern SS_PEER = Pattern.compile("\\s(\\S+):(\\d+)\\s*$");
  private static final Pattern SEGS_IN = Pattern.compile("\\bdata_segs_in:(\\d+)");

  private final Connection connection;
  private final Map<String, String> databases;
  private final String messagingDatabase;
  private final int port;
  private final boolean statements;
  private boolean roundTrips = true;

  /**
   * @param jdbcUrl the server's {@code postgres} database
   * @param databases label → database name, in report order; the first is messaging's
   * @param port the server's port, for {@code ss}
   */
  PostgresCost(
      String jdbcUrl, String user, String password, Map<String, String> databases, int port)
      throws SQLException {
    this.connection = DriverManager.getConnection(jdbcUrl, user, password);
    this.databases = new LinkedHashMap<>(databases);
    this.messagingDatabase = databases.values().iterator().next();
    this.port = port;
    try (PreparedStatement s =
            connection.prepareStatement("select to_regclass('pg_stat_statements') is not null");
        ResultSet r = s.executeQuery()) {
      r.next();
      this.statements = r.getBoolean(1);
    }
  }

  /** Whether {@code pg_stat_statements} is there (the private server), so statements count. */
  boolean countsStatements() {
    return statements;
  }

  Snapshot snapshot() throws SQLException {
    Array names = connection.createArrayOf("text", databases.values().toArray());
    Map<String, long[]> counts = new HashMap<>();
    Map<String, double[]> exec = new HashMap<>();
    for (String db : databases.values()) {
      counts.put(db, new long[3]);
      exec.put(db, new double[1]);
    }
    try (PreparedStatement s =
        connection.prepareStatement(
            "select datname, xact_commit + xact_rollback from pg_stat_database"
                + " where datname = any(?)")) {
      s.setArray(1, names);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          counts.get(r.getString(1))[1] = r.getLong(2);
        }
      }
    }
    Map<String, Statement> byQuery = new HashMap<>();
    if (statements) {
      try (PreparedStatement s =
          connection.prepareStatement(
              "select d.datname, s.queryid, s.toplevel, s.calls, s.total_exec_time,"
                  + " left(regexp_replace(s.query, '\\s+', ' ', 'g'), "
                  + QUERY_CHARS
                  + ") from pg_stat_statements s join pg_database d on d.oid = s.dbid"
                  + " where d.datname = any(?) and s.query !~* '"
                  + TRANSACTION_CONTROL
                  + "'")) {
        s.setArray(1, names);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            String db = r.getString(1);
            counts.get(db)[0] += r.getLong(4);
            exec.get(db)[0] += r.getDouble(5);
            if (db.equals(messagingDatabase)) {
              // One line per statement: a nested call of the same text adds to it.
              byQuery.merge(
                  r.getLong(2) + "",
                  new Statement(r.getString(6), r.getLong(4), r.getDouble(5)),
                  (a, b) ->
                      new Statement(
                          a.query(), a.calls() + b.calls(), a.execMillis() + b.execMillis()));
            }
          }
        }
      }
    }
    Map<String, Map<Integer, Long>> segments = segments(names);
    Map<String, Counts> byDatabase = new LinkedHashMap<>();
    for (String db : databases.values()) {
      long[] c = counts.get(db);
      long trips = segments.get(db).values().stream().mapToLong(Long::longValue).sum();
      byDatabase.put(db, new Counts(c[0], c[1], trips, exec.get(db)[0]));
    }
    return new Snapshot(byDatabase, segments, byQuery);
  }

  /** The window between two snapshots, by label; {@code top} statements of messaging's database. */
  Window between(Snapshot before, Snapshot after, int top) {
    Map<String, Counts> byLabel = new LinkedHashMap<>();
    databases.forEach(
        (label, db) -> {
          Counts delta = after.byDatabase().get(db).minus(before.byDatabase().get(db));
          // Per connection: one opened in the window counts from zero, one closed is missed.
          long trips = 0;
          Map<Integer, Long> start = before.segmentsByDatabase().get(db);
          for (Map.Entry<Integer, Long> e : after.segmentsByDatabase().get(db).entrySet()) {
            trips += e.getValue() - start.getOrDefault(e.getKey(), 0L);
          }
          byLabel.put(
              label,
              new Counts(delta.statements(), delta.transactions(), trips, delta.execMillis()));
        });
    List<Statement> statementsInWindow = new ArrayList<>();
    after
        .statements()
        .forEach(
            (id, s) -> {
              Statement b = before.statements().get(id);
              long calls = s.calls() - (b == null ? 0 : b.calls());
              if (calls > 0) {
                statementsInWindow.add(
                    new Statement(
                        s.query(), calls, s.execMillis() - (b == null ? 0 : b.execMillis())));
              }
            });
    statementsInWindow.sort(Comparator.comparingLong(Statement::calls).reversed());
    return new Window(
        byLabel,
        List.copyOf(statementsInWindow.subList(0, Math.min(top, statementsInWindow.size()))),
        statements,
        roundTrips);
  }

  /**
   * Data segments each client connection of the run's databases sent to the server, by database and
   * client port; empty (and round trips marked as not counted) if {@code ss} fails.
   */
  private Map<String, Map<Integer, Long>> segments(Array names) throws SQLException {
    Map<String, Map<Integer, Long>> out = new HashMap<>();
    databases.values().forEach(db -> out.put(db, new HashMap<>()));
    Map<Integer, String> databaseOfPort = new HashMap<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "select client_port, datname from pg_stat_activity"
                + " where client_port is not null and datname = any(?)")) {
      s.setArray(1, names);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          databaseOfPort.put(r.getInt(1), r.getString(2));
        }
      }
    }
    String ss;
    try {
      Process p =
          new ProcessBuilder("ss", "-Htin", "state", "established", "( sport = :" + port + " )")
              .redirectErrorStream(true)
              .start();
      ss = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException("ss failed: " + ss);
      }
    } catch (IOException e) {
      Options.log("round trips not counted: " + e.getMessage());
      roundTrips = false;
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      roundTrips = false;
      return out;
    }
    // Each socket: a line "Recv-Q Send-Q local:port peer:port", then an indented line of TCP info.
    Integer peerPort = null;
    for (String line : ss.split("\n")) {
      if (!line.startsWith("\t") && !line.startsWith(" ")) {
        Matcher m = SS_PEER.matcher(line);
        peerPort = m.find() ? Integer.valueOf(m.group(2)) : null;
      } else if (peerPort != null) {
        Matcher m = SEGS_IN.matcher(line);
        String db = databaseOfPort.get(peerPort);
        if (db != null && m.find()) {
          out.get(db).put(peerPort, Long.parseLong(m.group(1)));
        }
        peerPort = null;
      }
    }
    return out;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
