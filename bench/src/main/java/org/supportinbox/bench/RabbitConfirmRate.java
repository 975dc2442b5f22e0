package org.supportinbox.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The raw limit of the broker underneath: how many persistent messages a second one publisher gets
 * confirmed, on a connection of its own in a vhost of its own, with nothing else of the system in
 * the way. Asynchronous confirms with a window: at most {@code window} messages are unconfirmed at
 * any time (a semaphore), each confirm (single or multiple) frees its messages. The messages go
 * through the default exchange to one durable quorum queue, as the system's work queues are quorum
 * queues; the body is the size of a {@code message.created} event.
 */
final class RabbitConfirmRate {

  /** What a measurement did: confirmed messages per second and publish → confirm latency. */
  record Result(
      String queueType,
      int window,
      int bodyBytes,
      double seconds,
      long confirmed,
      long nacked,
      Histogram confirmMicros) {

    double perSecond() {
      return seconds == 0 ? 0 : confirmed / seconds;
    }
  }

  static final String QUEUE = "raw-confirm-rate";

  /** About the size of a {@code message.created} event's JSON. */
  static final int BODY_BYTES = 700;

  private RabbitConfirmRate() {}

  /**
   * Publishes for {@code duration} to a quorum queue in {@code vhost} of the broker at {@code
   * host:port}, then waits for the outstanding confirms.
   */
  static Result measure(
      String host,
      int port,
      String vhost,
      String user,
      String password,
      int window,
      Duration duration)
      throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setHost(host);
    f.setPort(port);
    f.setVirtualHost(vhost);
    f.setUsername(user);
    f.setPassword(password);
    f.setAutomaticRecoveryEnabled(false);
    byte[] body = "x".repeat(BODY_BYTES).getBytes(StandardCharsets.US_ASCII);
    AMQP.BasicProperties persistent =
        new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2).build();
    Semaphore unconfirmed = new Semaphore(window);
    ConcurrentNavigableMap<Long, Long> sentAt = new ConcurrentSkipListMap<>();
    ConcurrentHistogram latency = new ConcurrentHistogram(HttpLoad.MAX_LATENCY_MICROS, 3);
    AtomicLong confirmed = new AtomicLong();
    AtomicLong nacked = new AtomicLong();
    try (Connection c = f.newConnection("bench-raw-confirm-rate")) {
      Channel ch = c.createChannel();
      ch.queueDeclare(QUEUE, true, false, false, Map.of("x-queue-type", "quorum"));
      ch.confirmSelect();
      ch.addConfirmListener(
          (tag, multiple) -> settle(sentAt, tag, multiple, latency, confirmed, unconfirmed),
          (tag, multiple) -> settle(sentAt, tag, multiple, latency, nacked, unconfirmed));
      long start = System.nanoTime();
      long deadline = start + duration.toNanos();
      while (System.nanoTime() < deadline) {
        if (!unconfirmed.tryAcquire(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("no confirm from RabbitMQ for 10 s");
        }
        // The tag is taken before the publish: the confirm may arrive before basicPublish returns.
        sentAt.put(ch.getNextPublishSeqNo(), System.nanoTime());
        ch.basicPublish("", QUEUE, persistent, body);
      }
      if (!unconfirmed.tryAcquire(window, 30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("confirms still missing 30 s after the last publish");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      ch.queueDelete(QUEUE);
      return new Result(
          "quorum", window, BODY_BYTES, seconds, confirmed.get(), nacked.get(), latency.copy());
    }
  }

  /** A confirm (or nack) of {@code tag}, or of every tag up to it: counted, timed, released. */
  private static void settle(
      ConcurrentNavigableMap<Long, Long> sentAt,
      long tag,
      boolean multiple,
      Histogram latency,
      AtomicLong counter,
      Semaphore unconfirmed) {
    long now = System.nanoTime();
    Map<Long, Long> settled =
        multiple ? sentAt.headMap(tag, true) : sentAt.subMap(tag, true, tag, true);
    int n = 0;
    for (Map.Entry<Long, Long> e : settled.entrySet()) {
      if (sentAt.remove(e.getKey()) != null) {
        latency.recordValue(HttpLoad.micros(now - e.getValue()));
        n++;
      }
    }
    counter.addAndGet(n);
    unconfirmed.release(n);
  }
}
