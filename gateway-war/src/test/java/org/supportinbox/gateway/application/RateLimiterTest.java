package org.supportinbox.gateway.application;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The limiter over its store: the store here is Bucket4j's own local buckets on a manual clock (the
 * PostgreSQL store is tested with two gateways in {@code SharedLimitsAcrossInstancesIT}).
 */
class RateLimiterTest {

  /** Local Bucket4j buckets, on {@link #clock}, recording every key asked for. */
  static final class LocalBuckets implements SharedBuckets {
    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final Map<String, Bucket> buckets = new HashMap<>();
    final List<String> asked = new ArrayList<>();
    RuntimeException failure;

    @Override
    public ConsumptionProbe tryConsume(String key, int perMinute) {
      asked.add(key);
      if (failure != null) {
        throw failure;
      }
      return buckets
          .computeIfAbsent(
              key,
              k ->
                  Bucket.builder()
                      .withCustomTimePrecision(
                          new TimeMeter() {
                            @Override
                            public long currentTimeNanos() {
                              return clock.get();
                            }

                            @Override
                            public boolean isWallClockBased() {
                              return false;
                            }
                          })
                      .addLimit(
                          Bandwidth.builder()
                              .capacity(perMinute)
                              .refillGreedy(perMinute, Duration.ofMinutes(1))
                              .build())
                      .build())
          .tryConsumeAndReturnRemaining(1);
    }

    @Override
    public int forgetExpired(int max) {
      return 0;
    }
  }

  final LocalBuckets store = new LocalBuckets();

  RateLimiter limiter(int perMinute) {
    return new RateLimiter("logins", "login", perMinute, store, store.clock::get);
  }

  @Test
  void aKeyGetsItsAllowanceThenWaits() {
    RateLimiter limiter = limiter(3);
    for (int i = 0; i < 3; i++) {
      limiter.acquire("10.0.0.1");
    }
    RateLimitedException e =
        assertThrows(RateLimitedException.class, () -> limiter.acquire("10.0.0.1"));
    assertEquals(20, e.retryAfterSeconds(), e.getMessage());
  }

  @Test
  void keysAreIndependentAndNamedWithTheirLimitAndRate() {
    RateLimiter limiter = limiter(1);
    limiter.acquire("a");
    assertDoesNotThrow(() -> limiter.acquire("b"));
    assertThrows(RateLimitedException.class, () -> limiter.acquire("a"));
    assertEquals(List.of("login/1:a", "login/1:b", "login/1:a"), store.asked);
  }

  /**
   * A refused key is refused from memory until its bucket can have a token again (no instance can
   * refill it sooner), then the store is asked again: a flood costs no round trips meanwhile.
   */
  @Test
  void aRefusalIsRememberedUntilTheBucketCanRefill() {
    RateLimiter limiter = limiter(2); // a token every 30 s
    limiter.acquire("x");
    limiter.acquire("x");
    assertThrows(RateLimitedException.class, () -> limiter.acquire("x"));
    int asked = store.asked.size();
    for (int i = 0; i < 1000; i++) {
      assertThrows(RateLimitedException.class, () -> limiter.acquire("x"));
    }
    store.clock.addAndGet(Duration.ofSeconds(29).toNanos());
    RateLimitedException e = assertThrows(RateLimitedException.class, () -> limiter.acquire("x"));
    assertEquals(1, e.retryAfterSeconds());
    assertEquals(asked, store.asked.size(), "no round trip while refused");

    store.clock.addAndGet(Duration.ofSeconds(1).toNanos());
    assertDoesNotThrow(() -> limiter.acquire("x"));
    assertEquals(asked + 1, store.asked.size());
  }

  /** Another instance may have spent the token meanwhile: after the wait, the store decides. */
  @Test
  void afterTheWaitTheStoreDecidesAgain() {
    RateLimiter here = limiter(2);
    RateLimiter there = limiter(2);
    here.acquire("x");
    there.acquire("x");
    assertThrows(RateLimitedException.class, () -> here.acquire("x"));
    store.clock.addAndGet(Duration.ofSeconds(30).toNanos());
    there.acquire("x"); // the other instance took the refilled token
    assertThrows(RateLimitedException.class, () -> here.acquire("x"));
  }

  @Test
  void aStoreThatCannotAnswerFailsClosed() {
    RateLimiter limiter = limiter(5);
    store.failure = new IllegalStateException("connection refused");
    LimitsUnavailableException e =
        assertThrows(LimitsUnavailableException.class, () -> limiter.acquire("10.0.0.1"));
    assertTrue(e.getMessage().contains("logins"), e.getMessage());
    store.failure = null;
    assertDoesNotThrow(() -> limiter.acquire("10.0.0.1"));
  }

  /** Remembered refusals are bounded: single keys evicted, never all at once. */
  @Test
  void rememberedRefusalsAreBounded() {
    RateLimiter limiter = limiter(1);
    for (int i = 0; i < RateLimiter.MAX_KEYS + 5_000; i++) {
      String key = "k" + i;
      limiter.acquire(key);
      assertThrows(RateLimitedException.class, () -> limiter.acquire(key));
    }
    assertTrue(limiter.size() <= RateLimiter.MAX_KEYS, "size " + limiter.size());
  }
}
