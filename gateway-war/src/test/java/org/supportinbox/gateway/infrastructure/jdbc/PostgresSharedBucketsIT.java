package org.supportinbox.gateway.infrastructure.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.supportinbox.gateway.application.SharedBuckets.Take;
import org.supportinbox.testing.TestDatabase;

/**
 * The shared buckets against a real PostgreSQL database with the gateway's schema, taken by many
 * threads at once, as a burst of requests from one address would: every take is one statement on
 * one connection, a burst spends exactly the bucket, no token more or less, on one instance and on
 * two instances sharing the database, and a take from several buckets is all or nothing.
 */
class PostgresSharedBucketsIT {

  private static TestDatabase database;
  private static CountingDataSource connections;

  @BeforeAll
  static void createDatabase() {
    database = TestDatabase.create("buckets_it");
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setUrl(database.jdbcUrl());
    pg.setUser(database.user());
    pg.setPassword(database.password());
    Flyway.configure().dataSource(pg).locations("classpath:db/migration").load().migrate();
    connections = new CountingDataSource(pg);
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  private static PostgresSharedBuckets instance() {
    PostgresSharedBuckets buckets = new PostgresSharedBuckets();
    buckets.dataSource = connections;
    return buckets;
  }

  private static boolean taken(long[] waits) {
    return Arrays.stream(waits).allMatch(w -> w == 0);
  }

  private static long[] take(PostgresSharedBuckets on, Take... takes) {
    return on.tryTake(List.of(takes));
  }

  /**
   * {@code n} takes of {@code takes}, all released at once and spread over {@code instances} in
   * turn; how many were granted.
   */
  private static int burst(List<PostgresSharedBuckets> instances, int n, Take... takes)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<long[]>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        PostgresSharedBuckets on = instances.get(i % instances.size());
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return take(on, takes);
                }));
      }
      start.countDown();
      int granted = 0;
      for (Future<long[]> result : results) {
        if (taken(result.get(30, TimeUnit.SECONDS))) {
          granted++;
        }
      }
      return granted;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBurstOnOneKeySpendsExactlyItsBucketOneStatementPerTake() throws Exception {
    PostgresSharedBuckets gateway = instance();
    int before = connections.count.get();

    int granted = burst(List.of(gateway), 64, new Take("hot/40:10.0.0.1", 40));

    assertEquals(40, granted, "takes granted of 64 on a bucket of 40");
    assertEquals(64, connections.count.get() - before, "connections (statements) for 64 takes");
    // The database holds the spent bucket: the next take, from a fresh instance, is refused.
    assertFalse(taken(take(instance(), new Take("hot/40:10.0.0.1", 40))));
  }

  @Test
  void twoInstancesShareOneBucket() throws Exception {
    int granted = burst(List.of(instance(), instance()), 80, new Take("hot/50:10.0.0.2", 50));

    assertEquals(50, granted, "takes granted of 80 over two instances on a bucket of 50");
  }

  @Test
  void keysAreSeparateBucketsAndARefusalSaysHowLongToWait() throws Exception {
    PostgresSharedBuckets gateway = instance();

    assertEquals(5, burst(List.of(gateway), 8, new Take("hot/5:10.0.0.3", 5)));
    assertEquals(5, burst(List.of(gateway), 8, new Take("hot/5:10.0.0.4", 5)));
    long[] refused = take(gateway, new Take("hot/5:10.0.0.3", 5));
    // Five tokens a minute: the next one is at most 12 s away.
    long wait = refused[0];
    assertTrue(wait > 0 && wait <= TimeUnit.SECONDS.toNanos(12), "nanos to wait: " + wait);
  }

  /** A customer message's two buckets: taken together, or neither when one is empty. */
  @Test
  void severalBucketsAreTakenAllOrNothing() throws Exception {
    PostgresSharedBuckets gateway = instance();
    Take address = new Take("address/3:10.0.0.5", 3);

    assertTrue(taken(take(gateway, address, new Take("message/1:c1", 1))));
    long[] refused = take(gateway, address, new Take("message/1:c1", 1));
    assertEquals(0, refused[0], "the address had a token");
    assertTrue(refused[1] > TimeUnit.SECONDS.toNanos(59), "wait for c1: " + refused[1]);
    // The refused take spent nothing: the address still has two of its three tokens.
    assertTrue(taken(take(gateway, address, new Take("message/1:c2", 1))));
    assertTrue(taken(take(gateway, address, new Take("message/1:c3", 1))));
    long[] empty = take(gateway, address, new Take("message/1:c4", 1));
    assertTrue(empty[0] > 0, "the address is empty");
    assertEquals(0, empty[1], "c4 had its token, and keeps it");
    assertTrue(taken(take(gateway, new Take("message/1:c4", 1))));
  }

  /** Takes naming the same buckets in opposite orders lock them in one order: no deadlock. */
  @Test
  void takesInOppositeOrdersDoNotDeadlock() throws Exception {
    PostgresSharedBuckets gateway = instance();
    Take x = new Take("order/1000:x", 1000);
    Take y = new Take("order/1000:y", 1000);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<long[]>> results = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        Take[] order = i % 2 == 0 ? new Take[] {x, y} : new Take[] {y, x};
        results.add(pool.submit(() -> take(gateway, order)));
      }
      int granted = 0;
      for (Future<long[]> result : results) {
        if (taken(result.get(30, TimeUnit.SECONDS))) {
          granted++;
        }
      }
      // 1,000 a minute each: the 400 takes fit, whatever their order (a deadlock would throw).
      assertEquals(400, granted);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A take commits without waiting for its WAL flush (its transaction only), a refusal changes
   * nothing, and a caller's wider transaction would see the setting: the function is meant for a
   * transaction of its own, as the gateway calls it (autocommit).
   */
  @Test
  void aTakeCommitsWithoutWaitingForTheFlush() throws Exception {
    try (Connection c = connections.getConnection();
        Statement s = c.createStatement()) {
      s.execute("set synchronous_commit = on"); // the session's setting, whatever the server's
      c.setAutoCommit(false);
      assertEquals("on", show(s));
      s.execute("select take_rate_limits(array['flush/5:a'], array[5])");
      assertEquals("off", show(s), "within the take's transaction");
      c.commit();
      assertEquals("on", show(s), "the next transaction waits for its flush again");
      c.rollback();
    }
  }

  private static String show(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("show synchronous_commit")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void bucketsFullAgainAreForgottenSpentOnesKept() throws Exception {
    PostgresSharedBuckets gateway = instance();
    take(gateway, new Take("forget/1:spent", 1));
    take(gateway, new Take("forget/1:old", 1));
    try (Connection c = connections.getConnection();
        Statement s = c.createStatement()) {
      // As if "old" had been taken from two minutes ago: full again for more than the margin.
      s.executeUpdate("update rate_limits set tat = tat - 120000000 where id = 'forget/1:old'");
    }

    assertTrue(gateway.forgetExpired(1_000) >= 1);

    try (Connection c = connections.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id from rate_limits where id like 'forget/%'")) {
      List<String> left = new ArrayList<>();
      while (rs.next()) {
        left.add(rs.getString(1));
      }
      assertEquals(List.of("forget/1:spent"), left);
    }
    assertFalse(taken(take(gateway, new Take("forget/1:spent", 1))), "still spent");
    assertTrue(taken(take(gateway, new Take("forget/1:old", 1))), "forgotten: full again");
  }

  /** The database's connections, counted: one per take. */
  private static final class CountingDataSource implements DataSource {
    private final DataSource target;
    final AtomicInteger count = new AtomicInteger();

    CountingDataSource(DataSource target) {
      this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
      count.incrementAndGet();
      return target.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      count.incrementAndGet();
      return target.getConnection(user, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return target.isWrapperFor(iface);
    }
  }
}
