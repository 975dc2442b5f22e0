package org.supportinbox.gateway.api.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When an event queued for the sockets goes out at once, and when it waits for the tick. */
class FlushGateTest {

  static final long TICK = Duration.ofMillis(25).toNanos();

  final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  final FlushGate gate = new FlushGate(25, nanos::get);

  @Test
  void theFirstEventOnAQuietHubGoesOutAtOnceTheNextWithinATickWait() {
    assertTrue(gate.now(), "nothing flushed yet: at once");
    nanos.addAndGet(TICK - 1);
    assertFalse(gate.now(), "a flush less than a tick ago: with the tick");
    nanos.addAndGet(1);
    assertTrue(gate.now(), "a whole tick since the last flush: at once again");
  }

  @Test
  void aTickThatFlushedPutsTheNextEventsBackOnTheTick() {
    assertTrue(gate.now());
    nanos.addAndGet(TICK * 3);
    gate.flushed(); // the tick wrote what had queued (a busy hub)
    nanos.addAndGet(TICK / 2);
    assertFalse(gate.now());
    nanos.addAndGet(TICK / 2);
    assertTrue(gate.now(), "the tick flushed nothing since: quiet again");
  }

  @Test
  void ofConcurrentEventsOnAQuietHubOneFlushes() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      Future<?>[] answers = new Future<?>[8];
      for (int i = 0; i < answers.length; i++) {
        answers[i] =
            pool.submit(
                () -> {
                  start.await();
                  return gate.now();
                });
      }
      start.countDown();
      int flushes = 0;
      for (Future<?> a : answers) {
        if ((Boolean) a.get(5, TimeUnit.SECONDS)) {
          flushes++;
        }
      }
      assertEquals(1, flushes);
    } finally {
      pool.shutdownNow();
    }
  }
}
