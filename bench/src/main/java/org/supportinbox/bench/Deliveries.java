package org.supportinbox.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * When each message reached every operator socket, by one frame type ({@code message.created}, or
 * {@code ai.completed}: one instance per type). Two sides meet per message id, in either order: the
 * {@code 201} of its request (with the message's {@code created_at}, stamped by messaging in the
 * storing transaction, and when the request's latency counts from) and the sockets' frames of that
 * type for the message; the frame that makes the count reach the number of sockets is "delivered to
 * all". Each message belongs to the phase of its request, whenever its frames arrive.
 */
final class Deliveries {

  /** How often a phase's pending messages are counted while waiting for them. */
  private static final Duration POLL = Duration.ofMillis(20);

  /**
   * What a phase's messages did, once it is closed. {@code firstStartToLastNanos}: from the
   * earliest start of a request of the phase to the last delivery to all, {@code firstToLastNanos}:
   * from the first delivery to all to the last (both 0 if none was delivered).
   */
  record Result(
      String label,
      long messages,
      long deliveredToAll,
      long undelivered,
      long frames,
      Histogram fromCreatedMicros,
      Histogram fromStartMicros,
      long firstStartToLastNanos,
      long firstToLastNanos) {}

  /** The messages of one load phase. */
  final class Phase {
    private final String label;
    private final Histogram fromCreated = new Histogram(HttpLoad.MAX_LATENCY_MICROS, 3);
    private final Histogram fromStart = new Histogram(HttpLoad.MAX_LATENCY_MICROS, 3);
    private long messages; // guarded by this
    private long delivered; // guarded by this
    private boolean closed; // guarded by this
    private long firstStartNanos; // guarded by this; of the registered messages
    private long firstAllNanos; // guarded by this; of the delivered ones
    private long lastAllNanos; // guarded by this

    private Phase(String label) {
      this.label = label;
    }

    /**
     * The request of {@code messageId}, part of this phase, was answered 201 (see {@link
     * Deliveries#created}).
     */
    void created(String messageId, Instant createdAt, long startNanos) {
      Deliveries.this.created(this, messageId, createdAt, startNanos);
    }

    private synchronized boolean register(long startNanos) {
      if (closed) {
        return false;
      }
      firstStartNanos = messages == 0 ? startNanos : earlier(firstStartNanos, startNanos);
      messages++;
      return true;
    }

    private synchronized void record(long allNanos, long createdEpochMicros, long startNanos) {
      if (closed) {
        return; // arrived after the phase's results were taken: it counts as undelivered
      }
      firstAllNanos = delivered == 0 ? allNanos : earlier(firstAllNanos, allNanos);
      lastAllNanos = delivered == 0 ? allNanos : later(lastAllNanos, allNanos);
      delivered++;
      long micros = clamp(epochMicros(allNanos) - createdEpochMicros);
      fromCreated.recordValue(micros);
      Timeline t = timeline;
      if (t != null) {
        t.record(timelineSeries, allNanos, micros);
      }
      fromStart.recordValue(HttpLoad.micros(allNanos - startNanos));
    }

    private synchronized long pending() {
      return messages - delivered;
    }

    private synchronized Result close(long framesOfUndelivered) {
      closed = true;
      return new Result(
          label,
          messages,
          delivered,
          messages - delivered,
          delivered * sockets + framesOfUndelivered,
          fromCreated.copy(),
          fromStart.copy(),
          delivered == 0 ? 0 : lastAllNanos - firstStartNanos,
          delivered == 0 ? 0 : lastAllNanos - firstAllNanos);
    }
  }

  /** One message: its frames so far and, once its 201 came, its phase and times. */
  private static final class Delivery {
    final AtomicInteger frames = new AtomicInteger();
    boolean toAll; // guarded by this: every socket had the frame
    long allNanos; // guarded by this: when the last one had it
    Phase phase; // guarded by this; null until the 201
    long createdEpochMicros; // guarded by this
    long startNanos; // guarded by this
    boolean recorded; // guarded by this
  }

  private final int sockets;
  private final ConcurrentHashMap<String, Delivery> byMessage = new ConcurrentHashMap<>();

  /** The wall clock against {@link System#nanoTime()}, to compare with the server's timestamps. */
  private final long epochMicrosAtBase;

  private final long nanosAtBase;

  private volatile long lastFrameNanos = System.nanoTime();

  /** Where each delivery to all (from stored) also goes, while set ({@link #timeline}). */
  private volatile Timeline timeline;

  private volatile String timelineSeries;

  Deliveries(int sockets) {
    this.sockets = sockets;
    Instant now = Instant.now();
    this.nanosAtBase = System.nanoTime();
    this.epochMicrosAtBase = ChronoUnit.MICROS.between(Instant.EPOCH, now);
  }

  /**
   * From now on, each stored → delivered to all is also recorded in {@code series} of {@code t}.
   */
  void timeline(Timeline t, String series) {
    this.timelineSeries = series;
    this.timeline = t;
  }

  Phase phase(String label) {
    return new Phase(label);
  }

  /** A socket received the {@code message.created} frame of {@code messageId} at {@code nanos}. */
  void frame(String messageId, long nanos) {
    lastFrameNanos = nanos;
    Delivery d = byMessage.computeIfAbsent(messageId, id -> new Delivery());
    if (d.frames.incrementAndGet() == sockets) {
      synchronized (d) {
        d.toAll = true;
        d.allNanos = nanos;
      }
      recordIfComplete(messageId, d);
    }
  }

  /**
   * The request of {@code messageId}, part of {@code phase}, was answered 201; its latency counts
   * from {@code startNanos}, the message was stored at {@code createdAt} (server clock).
   */
  private void created(Phase phase, String messageId, Instant createdAt, long startNanos) {
    if (!phase.register(startNanos)) {
      throw new IllegalStateException("phase " + phase.label + " is closed");
    }
    Delivery d = byMessage.computeIfAbsent(messageId, id -> new Delivery());
    synchronized (d) {
      d.phase = phase;
      d.createdEpochMicros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
      d.startNanos = startNanos;
    }
    recordIfComplete(messageId, d);
  }

  private void recordIfComplete(String messageId, Delivery d) {
    synchronized (d) {
      if (d.recorded || d.phase == null || !d.toAll) {
        return;
      }
      d.recorded = true;
      d.phase.record(d.allNanos, d.createdEpochMicros, d.startNanos);
    }
    byMessage.remove(messageId, d);
  }

  /**
   * Waits until every message of the phase reached every socket, at most {@code timeout}, then
   * closes the phase: what is still missing counts as undelivered.
   */
  Result await(Phase phase, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (phase.pending() > 0 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
    }
    long framesOfUndelivered = 0;
    for (Delivery d : byMessage.values()) {
      synchronized (d) {
        if (d.phase == phase && !d.recorded) {
          framesOfUndelivered += d.frames.get();
        }
      }
    }
    return phase.close(framesOfUndelivered);
  }

  /** What is still missing after the load: lost, or (when the drain hit its limit) late. */
  record Drain(long missing, Duration took, boolean quiet) {}

  /**
   * Waits until every message answered 201, of any phase, reached every socket, or no frame arrived
   * for {@code quiet} (the gateway has nothing more to send: what is missing is lost), at most
   * {@code limit}.
   */
  Drain awaitAll(Duration quiet, Duration limit) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    long missing = missing();
    boolean silent = false;
    while (missing > 0 && System.nanoTime() < deadline) {
      silent = System.nanoTime() - Math.max(lastFrameNanos, start) > quiet.toNanos();
      if (silent) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
      missing = missing();
    }
    return new Drain(missing, Duration.ofNanos(System.nanoTime() - start), silent);
  }

  /**
   * Waits until no frame of this type arrived for {@code quiet}, at most {@code limit}; returns how
   * long it waited. Frames of messages whose request got no 201 (stored although the request timed
   * out) are not awaited by {@link #awaitAll}, but still keep the gateway busy.
   */
  Duration awaitQuiet(Duration quiet, Duration limit) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    while (System.nanoTime() - lastFrameNanos < quiet.toNanos() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private long missing() {
    long n = 0;
    for (Delivery d : byMessage.values()) {
      synchronized (d) {
        if (d.phase != null && !d.recorded) {
          n++;
        }
      }
    }
    return n;
  }

  /** Messages with frames but no 201 (yet): requests that failed on the client's side. */
  long unclaimed() {
    long n = 0;
    for (Delivery d : byMessage.values()) {
      synchronized (d) {
        if (d.phase == null) {
          n++;
        }
      }
    }
    return n;
  }

  /** Of two {@link System#nanoTime()} values, compared by difference (they may overflow). */
  private static long earlier(long a, long b) {
    return b - a < 0 ? b : a;
  }

  private static long later(long a, long b) {
    return b - a > 0 ? b : a;
  }

  private long epochMicros(long nanos) {
    return epochMicrosAtBase + (nanos - nanosAtBase) / 1_000;
  }

  /** Server and client share the machine's clock; a negative difference can only be jitter. */
  private static long clamp(long micros) {
    return Math.min(HttpLoad.MAX_LATENCY_MICROS, Math.max(1, micros));
  }
}
