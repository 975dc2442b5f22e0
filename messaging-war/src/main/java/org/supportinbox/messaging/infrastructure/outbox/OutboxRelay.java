package org.supportinbox.messaging.infrastructure.outbox;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.supportinbox.messaging.config.MessagingConfig;
import org.supportinbox.messaging.infrastructure.rabbitmq.RabbitMqEventPublisher;

/**
 * Publishes outbox rows to RabbitMQ, in id order, and marks them published.
 *
 * <p>Woken right after a transaction that wrote rows commits (then, if it published a batch less
 * than {@code OUTBOX_LINGER_MS} before, it waits that long, so that rows committed meanwhile share
 * the batch; a commit that finds it idle for longer is published at once), and otherwise every
 * {@code OUTBOX_SWEEP_MS} (which also picks up rows other instances wrote, and checks the broker).
 * Of all messaging instances, one relays at a time: each batch runs under a PostgreSQL advisory
 * transaction lock, so no row is published twice by two relays, and rows leave in {@code id} order.
 * Messages of one conversation are stored under a lock on the conversation row, so their rows are
 * numbered and committed in order, and their events arrive in order; across conversations a lower
 * id may commit after a higher one was published, so only per-conversation order is promised.
 * Delivery is at least once: a crash between the broker's confirm and the commit publishes the
 * batch again, and consumers dedupe by {@code event_id}.
 *
 * <p>Published rows are kept for {@code OUTBOX_RETENTION_HOURS} (for inspection and replay), then
 * deleted in bounded batches.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

  /** Key of the advisory lock that makes one relay publish at a time ("inbox" in ASCII). */
  static final long RELAY_LOCK = 0x696e626f78L;

  /** Returned by {@link #relayBatch()} when another instance holds the relay lock. */
  private static final int BUSY = -1;

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
  private static final int PURGE_BATCH = 5_000;
  private static final Duration BUSY_RETRY = Duration.ofMillis(100);

  @Resource(lookup = "jdbc/inbox")
  DataSource dataSource;

  @Resource ManagedThreadFactory threads;

  @Inject MessagingConfig config;

  @Inject RabbitMqEventPublisher publisher;

  private final Semaphore wake = new Semaphore(0);
  private volatile boolean running;
  private volatile Thread thread;
  private volatile String problem;
  private volatile Instant problemSince;
  private Instant nextPurge = Instant.EPOCH;

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    Thread t = threads.newThread(this::run);
    t.setName("outbox-relay");
    t.setDaemon(true);
    thread = t;
    t.start();
    LOG.info("outbox relay started");
  }

  @PreDestroy
  public void stop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  void onOutboxWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
    wake.release();
  }

  /** Why the relay cannot publish right now, or null when it can. */
  public String problem() {
    return problem;
  }

  private void run() {
    Duration wait = Duration.ZERO;
    Duration backoff = Duration.ZERO;
    long idleSince = System.nanoTime();
    while (running) {
      try {
        if (!wait.isZero()
            && wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)
            && lingers(System.nanoTime() - idleSince, config.outboxLingerMillis())) {
          Thread.sleep(config.outboxLingerMillis()); // woken by a commit: let others join it
        }
        wake.drainPermits();
        publisher.connect();
        int relayed;
        do {
          relayed = relayBatch();
        } while (running && relayed == config.outboxBatchSize());
        idleSince = System.nanoTime();
        recovered();
        purgeIfDue();
        backoff = Duration.ZERO;
        wait = relayed == BUSY ? BUSY_RETRY : Duration.ofMillis(config.outboxSweepMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        backoff = backoff.isZero() ? Duration.ofMillis(200) : backoff.multipliedBy(2);
        if (backoff.compareTo(MAX_BACKOFF) > 0) {
          backoff = MAX_BACKOFF;
        }
        failed(e, backoff);
        wait = backoff;
      }
    }
  }

  /**
   * Whether a relay woken by a commit waits {@code lingerMillis} for more commits to share its
   * batch: only when it was idle for less than that since its last batch, so that it is busy
   * (commits came in while it published). A commit that finds the relay idle for longer is
   * published at once: the wait would only add to its delivery.
   */
  static boolean lingers(long idleNanos, long lingerMillis) {
    return lingerMillis > 0 && idleNanos < TimeUnit.MILLISECONDS.toNanos(lingerMillis);
  }

  /**
   * Publishes one batch under the relay lock; returns how many rows it published, or {@link #BUSY}.
   */
  private int relayBatch() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<OutboxRow> rows = lockAndRead(c);
        if (rows == null) {
          c.rollback();
          return BUSY;
        }
        if (rows.isEmpty()) {
          c.commit();
          return 0;
        }
        int routed = publisher.publish(rows);
        markPublished(c, rows.subList(0, routed));
        c.commit();
        if (routed < rows.size()) {
          OutboxRow first = rows.get(routed);
          throw new IllegalStateException(
              "the broker returned event_id="
                  + first.eventId()
                  + " event_type="
                  + first.eventType()
                  + " as unroutable; is the exchange declared with its alternate exchange?");
        }
        for (OutboxRow row : rows) {
          LOG.info(() -> "published event_id=" + row.eventId() + " type=" + row.eventType());
        }
        return rows.size();
      } catch (Exception e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Deletes published rows past retention, a bounded batch at a time, at most once a minute. */
  private void purgeIfDue() throws SQLException {
    Instant now = Instant.now();
    if (now.isBefore(nextPurge)) {
      return;
    }
    nextPurge = now.plus(PURGE_EVERY);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "delete from outbox where id in (select id from outbox where published_at <"
                    + " now() - make_interval(hours => ?) order by id limit ?)")) {
      ps.setInt(1, config.outboxRetentionHours());
      ps.setInt(2, PURGE_BATCH);
      int deleted = ps.executeUpdate();
      if (deleted > 0) {
        LOG.info(() -> "purged " + deleted + " published outbox rows past retention");
        if (deleted == PURGE_BATCH) {
          nextPurge = now; // more to do: next round
        }
      }
    }
  }

  /**
   * Takes the relay lock and reads the next batch in one round trip: the rows, or none when there
   * are none; null when another instance holds the lock (the lateral read runs only when the lock
   * was taken, and the lock is taken once).
   */
  private List<OutboxRow> lockAndRead(Connection c) throws SQLException {
    List<OutboxRow> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select l.locked, o.id, o.event_id, o.event_type, o.conversation_id, o.payload::text"
                + " from (select pg_try_advisory_xact_lock(?) as locked) l left join lateral"
                + " (select id, event_id, event_type, conversation_id, payload from outbox"
                + " where l.locked and published_at is null order by id limit ?"
                + " for update skip locked) o on true order by o.id")) {
      ps.setLong(1, RELAY_LOCK);
      ps.setInt(2, config.outboxBatchSize());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (!rs.getBoolean(1)) {
            return null;
          }
          if (rs.getObject(2) == null) {
            continue; // locked, nothing to publish
          }
          rows.add(
              new OutboxRow(
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6)));
        }
      }
    }
    return rows;
  }

  private static void markPublished(Connection c, List<OutboxRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    Long[] ids = rows.stream().map(OutboxRow::id).toArray(Long[]::new);
    Array array = c.createArrayOf("bigint", ids);
    try (PreparedStatement ps =
        c.prepareStatement("update outbox set published_at = now() where id = any(?)")) {
      ps.setArray(1, array);
      ps.executeUpdate();
    } finally {
      array.free();
    }
  }

  /** Logs a failure once when it starts, then at most every 30 s while it lasts. */
  private void failed(Exception e, Duration retryIn) {
    String now = e.getClass().getSimpleName() + ": " + e.getMessage();
    boolean first = problem == null;
    boolean reminder =
        problemSince != null && Duration.between(problemSince, Instant.now()).getSeconds() >= 30;
    problem = now;
    if (first || reminder) {
      problemSince = Instant.now();
      LOG.log(
          Level.WARNING,
          "outbox relay cannot publish; messages are still accepted and wait in the outbox."
              + " Retrying in "
              + retryIn.toMillis()
              + " ms: "
              + now,
          first ? e : null);
    }
  }

  private void recovered() {
    if (problem != null) {
      LOG.info("outbox relay publishing again after: " + problem);
      problem = null;
      problemSince = null;
    }
  }
}
