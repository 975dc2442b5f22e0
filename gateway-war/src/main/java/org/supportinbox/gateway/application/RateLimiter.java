package org.supportinbox.gateway.application;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * Token buckets (Bucket4j) per key, e.g. per client address: {@code perMinute} requests, refilled
 * evenly over the minute. Kept in this instance's memory, so with n gateway instances behind a
 * balancer a client gets up to n times the rate.
 *
 * <p>The buckets live in a Caffeine cache: one untouched for a minute has refilled completely, so
 * forgetting it then changes nothing; beyond {@link #MAX_KEYS} keys the least valuable ones are
 * evicted one at a time (each such key starts afresh), never all at once.
 */
public final class RateLimiter {

  static final int MAX_KEYS = 100_000;

  private final String what;
  private final int perMinute;
  private final Cache<String, Bucket> buckets;

  public RateLimiter(String what, int perMinute) {
    this.what = what;
    this.perMinute = perMinute;
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(MAX_KEYS)
            .expireAfterAccess(Duration.ofMinutes(1))
            .executor(Runnable::run)
            .build();
  }

  /** Takes one request for {@code key}, or throws {@link RateLimitedException}. */
  public void acquire(String key) {
    Bucket bucket =
        buckets.get(
            key,
            k ->
                Bucket.builder()
                    .addLimit(
                        Bandwidth.builder()
                            .capacity(perMinute)
                            .refillGreedy(perMinute, Duration.ofMinutes(1))
                            .build())
                    .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
      throw new RateLimitedException(what, seconds);
    }
  }

  /** Keys tracked now (after pending evictions ran). */
  long size() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }
}
