package org.supportinbox.gateway.api.websocket;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether an event that was just queued for the sockets goes out at once or waits for the hub's
 * tick ({@code WS_COALESCE_MS}): at once when no flush started a write for a whole tick (a quiet
 * hub, where the tick would only add its wait to the delivery), else with the tick, so that under
 * load frames still go out together. At most one immediate flush per tick's length: together with
 * the tick's own, at most two flushes per tick.
 */
final class FlushGate {

  private final long everyNanos;
  private final LongSupplier nanoTime;

  /** {@link #nanoTime} when the last flush that started a write began. */
  private final AtomicLong last;

  FlushGate(long everyMillis, LongSupplier nanoTime) {
    this.everyNanos = TimeUnit.MILLISECONDS.toNanos(everyMillis);
    this.nanoTime = nanoTime;
    this.last = new AtomicLong(nanoTime.getAsLong() - everyNanos);
  }

  /**
   * An event was queued: true when it should be flushed now, which then counts as a flush (of
   * concurrent callers, one gets true).
   */
  boolean now() {
    long at = nanoTime.getAsLong();
    long before = last.get();
    return at - before >= everyNanos && last.compareAndSet(before, at);
  }

  /** The tick started a write on at least one socket. */
  void flushed() {
    last.set(nanoTime.getAsLong());
  }
}
