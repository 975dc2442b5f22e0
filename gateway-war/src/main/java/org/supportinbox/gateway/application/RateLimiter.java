package org.supportinbox.gateway.application;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Token buckets per key, e.g. per client address: {@code perMinute} requests, refilled evenly over
 * the minute, in {@link SharedBuckets}, so every gateway instance takes from the same bucket and n
 * instances behind a balancer limit a client as one would. A request limited by several limiters (a
 * customer message: its conversation and its address) takes from all of them in one call of the
 * store, {@link #acquireAll}, and from none when one refuses.
 *
 * <p>A refusal is remembered here until the bucket can next have a token (the store's wait for one
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

  /** One key of one limiter, for {@link #acquireAll}. */
  public record Claim(RateLimiter limiter, String key) {}

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

  /** {@code key}'s claim on this limiter, for {@link #acquireAll}. */
  public Claim on(String key) {
    return new Claim(this, key);
  }

  /**
   * Takes one request for {@code key}, or throws {@link RateLimitedException} (over the limit) or
   * {@link LimitsUnavailableException} (the store did not answer).
   */
  public void acquire(String key) {
    acquireAll(List.of(on(key)));
  }

  /**
   * Takes one request from every claim's bucket, all in one call of the store, or from none: throws
   * {@link RateLimitedException} for the claim that waits longest when any is over its limit (a
   * refusal remembered here is answered without asking the store), {@link
   * LimitsUnavailableException} when the store did not answer. Every limiter must share one store.
   */
  public static void acquireAll(List<Claim> claims) {
    if (claims.isEmpty()) {
      return;
    }
    SharedBuckets store = claims.get(0).limiter().store;
    long now = claims.get(0).limiter().nanoTime.getAsLong();
    List<SharedBuckets.Take> takes = new ArrayList<>(claims.size());
    for (Claim claim : claims) {
      RateLimiter limiter = claim.limiter();
      if (limiter.store != store) {
        throw new IllegalArgumentException("claims on limiters of different stores");
      }
      Long until = limiter.refusedUntil.getIfPresent(claim.key());
      if (until != null && until - now > 0) {
        throw new RateLimitedException(limiter.what, seconds(until - now));
      }
      takes.add(new SharedBuckets.Take(limiter.prefix + claim.key(), limiter.perMinute));
    }
    long[] waits;
    try {
      waits = store.tryTake(takes);
    } catch (RuntimeException e) {
      throw new LimitsUnavailableException(
          "the limit on "
              + claims.get(0).limiter().what
              + " cannot be checked now; try again shortly",
          e);
    }
    Claim longest = null;
    long longestWait = 0;
    for (int i = 0; i < waits.length; i++) {
      if (waits[i] > 0) {
        Claim claim = claims.get(i);
        claim.limiter().refusedUntil.put(claim.key(), now + waits[i]);
        if (waits[i] > longestWait) {
          longest = claim;
          longestWait = waits[i];
        }
      }
    }
    if (longest != null) {
      throw new RateLimitedException(longest.limiter().what, seconds(longestWait));
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
