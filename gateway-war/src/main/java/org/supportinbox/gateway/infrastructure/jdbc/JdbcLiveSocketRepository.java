package org.supportinbox.gateway.infrastructure.jdbc;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.supportinbox.gateway.domain.LiveSocketRepository;

/**
 * Sockets in {@code live_sockets} and instances in {@code gateway_instances} (V6), plain JDBC on
 * the pool, each call one short transaction of its own (they run on socket and sweep threads,
 * outside any JTA transaction). Every time is the database's ({@code now()}), so instances' clocks
 * do not matter. A take holds a transaction-scoped advisory lock on the user name, so two instances
 * counting one user's sockets at once take turns and never both admit the last one.
 */
@ApplicationScoped
public class JdbcLiveSocketRepository implements LiveSocketRepository {

  static final int QUERY_TIMEOUT_SECONDS = 2;

  @Resource(lookup = "jdbc/inbox")
  DataSource dataSource;

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  private static PreparedStatement prepare(Connection c, String sql) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
    return s;
  }

  @Override
  public boolean take(UUID instance, UUID socket, String username, int max, Duration ttl) {
    return inTransaction(
        "count the user's sockets",
        c -> {
          try (PreparedStatement lock =
              prepare(
                  c, "select pg_advisory_xact_lock(hashtextextended('live_sockets:' || ?, 0))")) {
            lock.setString(1, username);
            lock.execute();
          }
          long open;
          try (PreparedStatement count =
              prepare(
                  c,
                  "select count(*) from live_sockets s join gateway_instances i"
                      + " on i.id = s.instance_id where s.username = ?"
                      + " and i.heartbeat_at > now() - make_interval(secs => ?)")) {
            count.setString(1, username);
            count.setLong(2, ttl.toSeconds());
            try (ResultSet r = count.executeQuery()) {
              r.next();
              open = r.getLong(1);
            }
          }
          if (open >= max) {
            return false;
          }
          // The instance's row, should it have been given up for dead meanwhile.
          try (PreparedStatement alive =
              prepare(
                  c,
                  "insert into gateway_instances (id, started_at, heartbeat_at)"
                      + " values (?, now(), now()) on conflict (id) do nothing")) {
            alive.setObject(1, instance);
            alive.executeUpdate();
          }
          try (PreparedStatement insert =
              prepare(
                  c,
                  "insert into live_sockets (id, instance_id, username, opened_at)"
                      + " values (?, ?, ?, now())")) {
            insert.setObject(1, socket);
            insert.setObject(2, instance);
            insert.setString(3, username);
            insert.executeUpdate();
          }
          return true;
        });
  }

  @Override
  public void release(UUID socket) {
    inTransaction(
        "release a socket",
        c -> {
          try (PreparedStatement s = prepare(c, "delete from live_sockets where id = ?")) {
            s.setObject(1, socket);
            return s.executeUpdate();
          }
        });
  }

  @Override
  public void heartbeat(UUID instance, Map<UUID, String> open, Duration settle) {
    UUID[] ids = open.keySet().toArray(UUID[]::new);
    String[] users = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      users[i] = open.get(ids[i]);
    }
    inTransaction(
        "stamp the instance's heartbeat",
        c -> {
          boolean revived;
          try (PreparedStatement s =
              prepare(
                  c,
                  "insert into gateway_instances (id, started_at, heartbeat_at)"
                      + " values (?, now(), now())"
                      + " on conflict (id) do update set heartbeat_at = now()"
                      + " returning (xmax = 0)")) {
            s.setObject(1, instance);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              revived = r.getBoolean(1);
            }
          }
          try (PreparedStatement s =
              prepare(
                  c,
                  "delete from live_sockets where instance_id = ?"
                      + " and opened_at < now() - make_interval(secs => ?)"
                      + " and id not in (select unnest(?))")) {
            s.setObject(1, instance);
            s.setLong(2, settle.toSeconds());
            s.setArray(3, c.createArrayOf("uuid", ids));
            s.executeUpdate();
          }
          if (revived && ids.length > 0) {
            try (PreparedStatement s =
                prepare(
                    c,
                    "insert into live_sockets (id, instance_id, username, opened_at)"
                        + " select id, ?, username, now() from unnest(?, ?) as t(id, username)"
                        + " on conflict (id) do nothing")) {
              s.setObject(1, instance);
              s.setArray(2, c.createArrayOf("uuid", ids));
              s.setArray(3, c.createArrayOf("text", users));
              s.executeUpdate();
            }
          }
          return null;
        });
  }

  @Override
  public int forgetDead(Duration ttl) {
    return inTransaction(
        "forget dead instances",
        c -> {
          try (PreparedStatement s =
              prepare(
                  c,
                  "delete from gateway_instances"
                      + " where heartbeat_at < now() - make_interval(secs => ?)")) {
            s.setLong(1, ttl.toSeconds());
            return s.executeUpdate();
          }
        });
  }

  @Override
  public void leave(UUID instance) {
    inTransaction(
        "leave",
        c -> {
          try (PreparedStatement s = prepare(c, "delete from gateway_instances where id = ?")) {
            s.setObject(1, instance);
            return s.executeUpdate();
          }
        });
  }
}
