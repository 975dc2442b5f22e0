package org.supportinbox.gateway.application;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Token buckets (Bucket4j) per key, e.g. per client address: {@code perMinute} requests, refilled
 * evenly over the minute, in {@link SharedBuckets}, so every gateway instance takes from the same
 * bucket and n instances behind a balancer limit a client as one would.
 *
 * <p>A refusal is remembered here until the bucket can next have a token (Bucket4j's wait for one
 * token): no instance can refill it sooner, so the remembered answer is the one the store would
 * give, and a client flooding one key costs no database round trip until then. A key's bucket in
 * the store is named with the rate ({@code "<name>/<perMinute>:<key>"}): a changed rate starts
 * fresh buckets, and instances with different rates (a rolling change) never share one. These
 * refusals live in a Caffeine cache of at most {@link #MAX_KEYS} keys (single keys evicted, never
 * all at once), each forgotten a minute after it was written, when it has lapsed anyway.
 *
 * <p>When the store cannot answer, {@link #acquire} fails closed with {@link
 * LimitsUnavailableException}.
 */
public final class RateLimiter {

  static final int MAX_KEYS = 100_000;

  private final String what;
  private final String prefix;
  private final int perMinute;
  private final SharedBuckets store;
  private final LongSupplier nanoTime;

  /** Until when (System.nanoTime) a key is refused without asking the store. */
  private final Cache<String, Long> refusedUntil;

  public RateLimiter(String what, String name, int perMinute, SharedBuckets store) {
    this(what, name, perMinute, store, System::nanoTime);
  }

  RateLimiter(String what, String name, int perMinute, SharedBuckets store, LongSupplier nanoTime) {
    this.what = what;
    this.prefix = name + "/" + perMinute + ":";
    this.perMinute = perMinute;
    this.store = store;
    this.nanoTime = nanoTime;
    this.refusedUntil =
        Caffeine.newBuilder()
            .maximumSize(MAX_KEYS)
            .expireAfterWrite(Duration.ofMinutes(1))
            .executor(Runnable::run)
            .build();
  }

  /**
   * Takes one request for {@code key}, or throws {@link RateLimitedException} (over the limit) or
   * {@link LimitsUnavailableException} (the store did not answer).
   */
  public void acquire(String key) {
    long now = nanoTime.getAsLong();
    Long until = refusedUntil.getIfPresent(key);
    if (until != null && until - now > 0) {
      throw new RateLimitedException(what, seconds(until - now));
    }
    ConsumptionProbe probe;
    try {
      probe = store.tryConsume(prefix + key, perMinute);
    } catch (RuntimeException e) {
      throw new LimitsUnavailableException(
          "the limit on " + what + " cannot be checked now; try again shortly", e);
    }
    if (!probe.isConsumed()) {
      long wait = probe.getNanosToWaitForRefill();
      refusedUntil.put(key, now + wait);
      throw new RateLimitedException(what, seconds(wait));
    }
  }

  private static long seconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }

  /** Refusals remembered now (after pending evictions ran). */
  long size() {
    refusedUntil.cleanUp();
    return refusedUntil.estimatedSize();
  }
}
