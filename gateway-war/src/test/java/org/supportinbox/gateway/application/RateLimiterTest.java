package org.supportinbox.gateway.application;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The limiter over its store: the store here is Bucket4j's own local buckets on a manual clock (the
 * PostgreSQL store is tested with two gateways in {@code SharedLimitsAcrossInstancesIT}).
 */
class RateLimiterTest {

  /**
   * Local Bucket4j buckets, on {@link #clock}, all or nothing as the store's contract says,
   * recording every key asked for and every call.
   */
  static final class LocalBuckets implements SharedBuckets {
    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final Map<String, Bucket> buckets = new HashMap<>();
    final List<String> asked = new ArrayList<>();
    int calls;
    RuntimeException failure;

    @Override
    public long[] tryTake(List<Take> takes) {
      calls++;
      takes.forEach(t -> asked.add(t.key()));
      if (failure != null) {
        throw failure;
      }
      long[] waits = new long[takes.size()];
      boolean all = true;
      for (int i = 0; i < waits.length; i++) {
        EstimationProbe estimate = bucket(takes.get(i)).estimateAbilityToConsume(1);
        waits[i] = estimate.canBeConsumed() ? 0 : estimate.getNanosToWaitForRefill();
        all &= estimate.canBeConsumed();
      }
      if (all) {
        takes.forEach(t -> assertTrue(bucket(t).tryConsume(1)));
      }
      return waits;
    }

    Bucket bucket(Take take) {
      return buckets.computeIfAbsent(
          take.key(),
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
                          .capacity(take.perMinute())
                          .refillGreedy(take.perMinute(), Duration.ofMinutes(1))
                          .build())
                  .build());
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

  /**
   * A customer message takes from two limiters in one call of the store, and from neither when one
   * refuses: a conversation over its limit does not spend its address's allowance.
   */
  @Test
  void claimsOnSeveralLimitersAreTakenTogetherOrNotAtAll() {
    RateLimiter perAddress =
        new RateLimiter("from this address", "addr", 3, store, store.clock::get);
    RateLimiter perConversation =
        new RateLimiter("from this customer", "conv", 1, store, store.clock::get);
    // A customer message of conversation c from 10.0.0.9, as RateLimits.customerMessage takes it.
    Consumer<String> message =
        c -> RateLimiter.acquireAll(List.of(perAddress.on("10.0.0.9"), perConversation.on(c)));

    message.accept("c1");
    assertEquals(1, store.calls, "one call of the store for both limits");
    assertEquals(List.of("addr/3:10.0.0.9", "conv/1:c1"), store.asked);

    RateLimitedException e = assertThrows(RateLimitedException.class, () -> message.accept("c1"));
    assertTrue(e.getMessage().contains("from this customer"), e.getMessage());
    assertEquals(60, e.retryAfterSeconds());
    // The refused message spent nothing: the address still has two of its three.
    message.accept("c2");
    message.accept("c3");
    RateLimitedException address =
        assertThrows(RateLimitedException.class, () -> message.accept("c4"));
    assertTrue(address.getMessage().contains("from this address"), address.getMessage());
    assertEquals(20, address.retryAfterSeconds());
    // Both refusals are remembered: neither key asks the store again until its wait is over.
    int calls = store.calls;
    assertThrows(RateLimitedException.class, () -> perConversation.acquire("c1"));
    assertThrows(RateLimitedException.class, () -> perAddress.acquire("10.0.0.9"));
    assertEquals(calls, store.calls);
  }

  /** When several claims are refused, the answer names the one that waits longest. */
  @Test
  void theLongestWaitIsTheAnswer() {
    RateLimiter fast = new RateLimiter("fast things", "fast", 60, store, store.clock::get);
    RateLimiter slow = new RateLimiter("slow things", "slow", 1, store, store.clock::get);
    for (int i = 0; i < 60; i++) {
      fast.acquire("k");
    }
    slow.acquire("k");
    RateLimitedException e =
        assertThrows(
            RateLimitedException.class,
            () -> RateLimiter.acquireAll(List.of(fast.on("k"), slow.on("k"))));
    assertTrue(e.getMessage().contains("slow things"), e.getMessage());
    assertEquals(60, e.retryAfterSeconds());
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
