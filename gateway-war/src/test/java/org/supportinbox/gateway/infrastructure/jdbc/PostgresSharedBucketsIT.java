package org.supportinbox.gateway.infrastructure.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.ConsumptionProbe;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
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
import org.supportinbox.testing.TestDatabase;

/**
 * The shared buckets against a real PostgreSQL database with the gateway's schema, taken by many
 * threads at once, as a burst of requests from one address would: the batching of a hot key's takes
 * (one transaction for the takes that arrive while one runs) spends exactly the bucket, no token
 * more or less, on one instance and on two instances sharing the database.
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
    buckets.create();
    return buckets;
  }

  /**
   * {@code threads} takes of {@code key}, all released at once and spread over {@code instances} in
   * turn; how many were granted.
   */
  private static int burst(List<PostgresSharedBuckets> instances, String key, int perMinute, int n)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<ConsumptionProbe>> takes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        PostgresSharedBuckets on = instances.get(i % instances.size());
        takes.add(
            pool.submit(
                () -> {
                  start.await();
                  return on.tryConsume(key, perMinute);
                }));
      }
      start.countDown();
      int granted = 0;
      for (Future<ConsumptionProbe> take : takes) {
        if (take.get(30, TimeUnit.SECONDS).isConsumed()) {
          granted++;
        }
      }
      return granted;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void oneInstanceBatchesAHotKeyAndSpendsExactlyItsBucket() throws Exception {
    PostgresSharedBuckets gateway = instance();
    int before = connections.count.get();

    int granted = burst(List.of(gateway), "hot/40:10.0.0.1", 40, 64);

    assertEquals(40, granted, "takes granted of 64 on a bucket of 40");
    // Takes that waited for a running transaction went together in the next one.
    int transactions = connections.count.get() - before;
    assertTrue(transactions < 64, "transactions for 64 takes: " + transactions);
    // The database holds the spent bucket: the next take, from a fresh instance, is refused.
    assertFalse(instance().tryConsume("hot/40:10.0.0.1", 40).isConsumed());
  }

  @Test
  void twoInstancesBatchingTheSameKeyShareOneBucket() throws Exception {
    int granted = burst(List.of(instance(), instance()), "hot/50:10.0.0.2", 50, 80);

    assertEquals(50, granted, "takes granted of 80 over two instances on a bucket of 50");
  }

  @Test
  void keysAreSeparateBuckets() throws Exception {
    PostgresSharedBuckets gateway = instance();

    assertEquals(5, burst(List.of(gateway), "hot/5:10.0.0.3", 5, 8));
    assertEquals(5, burst(List.of(gateway), "hot/5:10.0.0.4", 5, 8));
    ConsumptionProbe refused = gateway.tryConsume("hot/5:10.0.0.3", 5);
    assertFalse(refused.isConsumed());
    // Five tokens a minute: the next one is at most 12 s away.
    long wait = refused.getNanosToWaitForRefill();
    assertTrue(wait > 0 && wait <= TimeUnit.SECONDS.toNanos(12), "nanos to wait: " + wait);
  }

  /** The database's connections, counted: Bucket4j takes one per transaction. */
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
