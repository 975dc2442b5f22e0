package org.supportinbox.gateway.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.supportinbox.auth.Caller;
import org.supportinbox.gateway.domain.RevocationFeed;
import org.supportinbox.gateway.domain.RevocationFeed.OperatorState;

class DenylistTest {

  /** A feed that answers what a test put in, remembers the watermarks asked, or fails. */
  static final class Feed implements RevocationFeed {
    final Map<String, Instant> jtis = new HashMap<>();
    final Map<String, OperatorState> operators = new HashMap<>();
    final Map<UUID, Instant> ended = new HashMap<>();
    final List<Long> asked = new ArrayList<>();
    long nextWatermark = 100;
    boolean down;

    @Override
    public Changes changesSince(long watermark, Instant endedAfter) {
      asked.add(watermark);
      if (down) {
        throw new IllegalStateException("connection refused");
      }
      Changes c =
          new Changes(Map.copyOf(jtis), Map.copyOf(operators), Map.copyOf(ended), nextWatermark);
      jtis.clear();
      operators.clear();
      ended.clear();
      return c;
    }
  }

  final Feed feed = new Feed();
  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final Denylist denylist = new Denylist(feed, () -> Duration.ofHours(24), nanos::get);

  static Caller operator(String name, String jti, long generation) {
    return new Caller(name, name, Set.of("operator"), jti, 0, null, generation);
  }

  static Caller customer(UUID conversation) {
    return new Caller(
        "customer", "c", Set.of("customer"), "c-" + conversation, 0, conversation.toString(), 0);
  }

  @Test
  void nothingIsAcceptedBeforeTheFirstRead() {
    feed.down = true;
    assertThrows(
        RevocationUnavailableException.class, () -> denylist.revoked(operator("ann", "j1", 0)));
    assertEquals(1, feed.asked.size(), "the check tried a read of its own");
  }

  @Test
  void aCheckBeforeTheFirstReadReadsItself() {
    feed.jtis.put("j1", Instant.now().plusSeconds(60));
    assertTrue(denylist.revoked(operator("ann", "j1", 0)));
    assertEquals(List.of(RevocationFeed.EVERYTHING), feed.asked);
  }

  @Test
  void aCheckOnAStaleDenylistReadsWhatChangedBeforeItAnswers() {
    denylist.refresh();
    Caller ann = operator("ann", "j1", 0);
    nanos.addAndGet(Denylist.MAX_AGE.toNanos() + 1);
    feed.jtis.put("j1", Instant.now().plusSeconds(60));
    assertTrue(denylist.revoked(ann), "the logout read by the check itself");
    assertEquals(List.of(RevocationFeed.EVERYTHING, 100L), feed.asked);
    assertTrue(denylist.revoked(ann));
    assertEquals(2, feed.asked.size(), "fresh again: no second read");
  }

  @Test
  void eachReadAsksFromThePreviousWatermark() {
    denylist.refresh();
    feed.nextWatermark = 250;
    denylist.refresh();
    denylist.refresh();
    assertEquals(List.of(RevocationFeed.EVERYTHING, 100L, 250L), feed.asked);
  }

  @Test
  void readRevocationsEndTokens() {
    UUID chat = UUID.randomUUID();
    feed.jtis.put("j1", Instant.now().plusSeconds(60));
    feed.operators.put("bob", new OperatorState(false, 3));
    feed.operators.put("eve", new OperatorState(true, 1));
    feed.ended.put(chat, Instant.now());
    denylist.refresh();
    assertTrue(denylist.revoked(operator("ann", "j1", 0)), "logged-out jti");
    assertFalse(denylist.revoked(operator("ann", "j2", 0)), "another jti");
    assertTrue(denylist.revoked(operator("bob", "j3", 2)), "older generation");
    assertFalse(denylist.revoked(operator("bob", "j4", 3)), "current generation");
    assertTrue(denylist.revoked(operator("eve", "j5", 1)), "disabled");
    assertTrue(denylist.revoked(customer(chat)), "ended chat");
    assertFalse(denylist.revoked(customer(UUID.randomUUID())), "another chat");
  }

  @Test
  void aStaleDenylistFailsClosedAndRecovers() {
    denylist.refresh();
    Caller ann = operator("ann", "j1", 0);
    nanos.addAndGet(Denylist.MAX_AGE.toNanos());
    assertFalse(denylist.revoked(ann), "exactly MAX_AGE old still answers");
    feed.down = true;
    assertThrows(IllegalStateException.class, denylist::refresh);
    nanos.addAndGet(1);
    int asked = feed.asked.size();
    assertThrows(RevocationUnavailableException.class, () -> denylist.revoked(ann));
    assertThrows(RevocationUnavailableException.class, () -> denylist.revokedAmong(List.of(ann)));
    assertEquals(asked, feed.asked.size(), "a read failed just now: no check waits for another");
    nanos.addAndGet(Denylist.MAX_AGE.toNanos() + 1);
    RevocationUnavailableException e =
        assertThrows(RevocationUnavailableException.class, () -> denylist.revoked(ann));
    assertEquals(asked + 1, feed.asked.size(), "the last failure is old: the check tried again");
    assertTrue(e.getMessage().contains("could not be refreshed for"), e.getMessage());
    feed.down = false;
    nanos.addAndGet(Denylist.MAX_AGE.toNanos() + 1);
    assertFalse(denylist.revoked(ann), "the database answers again: the check reads and answers");
  }

  /** A feed whose read, once started, answers only when {@link #answer} is counted down. */
  static final class HeldFeed implements RevocationFeed {
    final CountDownLatch reading = new CountDownLatch(1);
    final CountDownLatch answer = new CountDownLatch(1);
    final Supplier<Changes> then;

    HeldFeed(Supplier<Changes> then) {
      this.then = then;
    }

    @Override
    public Changes changesSince(long watermark, Instant endedAfter) {
      reading.countDown();
      try {
        answer.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return then.get();
    }
  }

  @Test
  void aCheckWaitsForAnotherThreadsReadAndAnswersFromIt() throws Exception {
    Caller ann = operator("ann", "j1", 0);
    HeldFeed held =
        new HeldFeed(
            () ->
                new RevocationFeed.Changes(
                    Map.of("j1", Instant.now().plusSeconds(60)), Map.of(), Map.of(), 7));
    Denylist slow = new Denylist(held, () -> Duration.ofHours(24), nanos::get);
    Thread refresher = new Thread(slow::refresh);
    refresher.start();
    assertTrue(held.reading.await(5, TimeUnit.SECONDS));
    CompletableFuture<Boolean> check = CompletableFuture.supplyAsync(() -> slow.revoked(ann));
    Thread.sleep(100);
    assertFalse(check.isDone(), "the check waits for the read under way");
    held.answer.countDown();
    assertTrue(check.get(5, TimeUnit.SECONDS), "answered from that read");
    refresher.join(5_000);
  }

  @Test
  void aCheckRefusesWhenTheReadUnderWayDoesNotFinishWithinASecond() throws Exception {
    HeldFeed held =
        new HeldFeed(
            () -> {
              throw new IllegalStateException("read timed out");
            });
    Denylist hung = new Denylist(held, () -> Duration.ofHours(24), System::nanoTime);
    Thread refresher = new Thread(() -> assertThrows(IllegalStateException.class, hung::refresh));
    refresher.start();
    try {
      assertTrue(held.reading.await(5, TimeUnit.SECONDS));
      long started = System.nanoTime();
      RevocationUnavailableException e =
          assertThrows(
              RevocationUnavailableException.class, () -> hung.revoked(operator("ann", "j1", 0)));
      assertTrue(
          System.nanoTime() - started >= Denylist.MAX_AGE.toNanos(), "waited for the read first");
      assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
    } finally {
      held.answer.countDown();
      refresher.join(5_000);
    }
  }

  @Test
  void aReadOlderThanALocalChangeCannotUndoIt() {
    feed.operators.put("bob", new OperatorState(false, 1));
    denylist.refresh();
    denylist.operatorChanged("bob", new OperatorState(true, 2)); // disabled on this instance
    feed.operators.put("bob", new OperatorState(false, 1)); // a snapshot from before the commit
    denylist.refresh();
    assertTrue(denylist.revoked(operator("bob", "j1", 1)));
    feed.operators.put("bob", new OperatorState(false, 3)); // enabled again later
    denylist.refresh();
    assertFalse(denylist.revoked(operator("bob", "j2", 3)));
    assertTrue(denylist.revoked(operator("bob", "j1", 2)), "enabling revives no old token");
  }

  @Test
  void localLogoutsCountAtOnceAndExpiredEntriesAreForgotten() {
    denylist.refresh();
    UUID chat = UUID.randomUUID();
    Instant now = Instant.now();
    denylist.loggedOut("j1", now.plusSeconds(10));
    denylist.sessionEnded(chat, now);
    assertTrue(denylist.revoked(operator("ann", "j1", 0)));
    assertTrue(denylist.revoked(customer(chat)));
    denylist.forgetExpired(now.plusSeconds(11));
    assertFalse(denylist.revoked(operator("ann", "j1", 0)), "expired: the token is refused anyway");
    assertTrue(denylist.revoked(customer(chat)), "a 24 h customer token may still be valid");
    denylist.forgetExpired(now.plus(Duration.ofHours(25)));
    assertFalse(denylist.revoked(customer(chat)));
  }
}
