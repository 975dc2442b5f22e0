package org.supportinbox.gateway.application;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets (Bucket4j) per key, e.g. per client address: {@code perMinute} requests, refilled
 * evenly over the minute. Kept in this instance's memory, so with n gateway instances behind a
 * balancer a client gets up to n times the rate; the keys are forgotten when more than {@link
 * #MAX_KEYS} are tracked, which at worst hands out one fresh allowance.
 */
public final class RateLimiter {

  static final int MAX_KEYS = 100_000;

  private final String what;
  private final int perMinute;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(String what, int perMinute) {
    this.what = what;
    this.perMinute = perMinute;
  }

  /** Takes one request for {@code key}, or throws {@link RateLimitedException}. */
  public void acquire(String key) {
    if (buckets.size() > MAX_KEYS) {
      buckets.clear();
    }
    Bucket bucket =
        buckets.computeIfAbsent(
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
}
