package org.supportinbox.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.supportinbox.auth.Caller;
import org.supportinbox.auth.Roles;
import org.supportinbox.gateway.config.GatewayConfig;
import org.supportinbox.gateway.domain.RevocationFeed;
import org.supportinbox.gateway.domain.RevocationFeed.OperatorState;

/**
 * Which tokens no longer count, held in memory by each gateway instance so that a request costs no
 * query: logged-out jtis until they expire, every operator's disabled flag and token generation,
 * and the conversations whose customer ended the chat (for as long as a token of theirs can live).
 *
 * <p>The refresher ({@link #refresh()}, every {@link #REFRESH}) reads only what changed since its
 * last read from the gateway's database, which every instance shares, so a logout, a disabled
 * operator, a role or password change or an ended chat on any instance takes effect on every
 * instance within {@link #REFRESH} plus one read; the instance where it happens applies it at once.
 *
 * <p>Fail closed: a check needs a read that started at most {@link #MAX_AGE} ago. Past that, the
 * check reads what changed itself, on the request's thread, before it answers (the refresher's
 * thread may simply be waiting for CPU among a saturated service's threads); one read at a time,
 * and the checks waiting for it (up to {@link #MAX_AGE}) answer from it. Only when that read fails
 * too (the database does not answer), a read failed less than {@link #MAX_AGE} ago, or no read
 * finished while a check waited its {@link #MAX_AGE} for one, does a check throw {@link
 * RevocationUnavailableException} instead of trusting what may be out of date, so a revoked token
 * is never accepted for longer than {@link #MAX_AGE} after its revocation committed.
 */
@ApplicationScoped
public class Denylist {

  /** How often the refresher reads. */
  public static final Duration REFRESH = Duration.ofMillis(250);

  /** How old the last successful read may be for a check to answer. */
  public static final Duration MAX_AGE = Duration.ofSeconds(1);

  /**
   * How long an ended chat is kept after its customer token's lifetime: room for the clocks of the
   * instance that issued a token and of this one.
   */
  static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);

  private final Map<String, Instant> revokedJtis = new ConcurrentHashMap<>();
  private final Map<String, OperatorState> operators = new ConcurrentHashMap<>();
  private final Map<UUID, Instant> endedSessions = new ConcurrentHashMap<>();

  private RevocationFeed feed;
  private Supplier<Duration> customerTokenTtl;
  private LongSupplier nanoTime = System::nanoTime;

  private long watermark = RevocationFeed.EVERYTHING;

  /** {@link #nanoTime} when the last successful read started; valid once {@link #read} is set. */
  private volatile long readAt;

  private volatile boolean read;

  /** One read at a time: the refresher's, or a check's that found the denylist too old. */
  private final ReentrantLock lock = new ReentrantLock();

  /** {@link #nanoTime} when the last read failed; meaningful once {@link #failed} is set. */
  private long failedAt;

  private boolean failed;

  private long reads;

  protected Denylist() {}

  @Inject
  Denylist(RevocationFeed feed, GatewayConfig config) {
    this(feed, config::customerTokenTtl, System::nanoTime);
  }

  /** For tests: a feed, the customer token lifetime, and a clock in nanoseconds. */
  public Denylist(RevocationFeed feed, Supplier<Duration> customerTokenTtl, LongSupplier nanoTime) {
    this.feed = feed;
    this.customerTokenTtl = customerTokenTtl;
    this.nanoTime = nanoTime;
  }

  /**
   * Reads what changed since the last read and applies it; throws when the database cannot answer
   * (the denylist then goes stale, and checks read themselves after {@link #MAX_AGE}). One read at
   * a time.
   */
  public void refresh() {
    lock.lock();
    try {
      read();
    } finally {
      lock.unlock();
    }
  }

  private void read() {
    long started = nanoTime.getAsLong();
    Instant now = Instant.now();
    RevocationFeed.Changes changes;
    try {
      changes = feed.changesSince(watermark, now.minus(customerTokenTtl.get()).minus(CLOCK_MARGIN));
    } catch (RuntimeException e) {
      failedAt = nanoTime.getAsLong();
      failed = true;
      throw e;
    }
    revokedJtis.putAll(changes.revokedJtis());
    changes.operators().forEach(this::operatorChanged);
    endedSessions.putAll(changes.endedSessions());
    watermark = changes.watermark();
    readAt = started;
    read = true;
    if (reads++ % 240 == 0) { // about once a minute
      forgetExpired(now);
    }
  }

  /** Drops jtis past their expiry and chats whose tokens have all expired. */
  void forgetExpired(Instant now) {
    revokedJtis.values().removeIf(expiry -> expiry.isBefore(now));
    Instant ended = now.minus(customerTokenTtl.get()).minus(CLOCK_MARGIN);
    endedSessions.values().removeIf(at -> at.isBefore(ended));
  }

  /** A logout on this instance: denied here at once, elsewhere after their next read. */
  public void loggedOut(String jti, Instant expiresAt) {
    revokedJtis.put(jti, expiresAt);
  }

  /** A customer ended the chat on this instance. */
  public void sessionEnded(UUID conversation, Instant at) {
    endedSessions.put(conversation, at);
  }

  /**
   * An operator's state, from this instance's change or from a read. Generations only grow, and
   * every change of the disabled flag moves the generation on, so the state with the higher
   * generation is the newer one: a read whose snapshot predates a change made here cannot undo it.
   */
  public void operatorChanged(String username, OperatorState state) {
    operators.merge(
        username, state, (old, fresh) -> fresh.generation() >= old.generation() ? fresh : old);
  }

  /**
   * Whether a verified token no longer counts: its jti was logged out, its operator is disabled or
   * moved to a later generation, or its customer's chat ended. Throws {@link
   * RevocationUnavailableException} when the denylist is too old to tell.
   */
  public boolean revoked(Caller caller) {
    requireFresh();
    return isRevoked(caller);
  }

  /** The same for many callers (the socket sweep), checked for freshness once. */
  public Predicate<Caller> revokedAmong(Collection<Caller> callers) {
    requireFresh();
    return this::isRevoked;
  }

  private boolean isRevoked(Caller caller) {
    if (caller.jti() != null && revokedJtis.containsKey(caller.jti())) {
      return true;
    }
    if (caller.isOperator()) {
      OperatorState state = operators.get(caller.subject());
      return state != null && (state.disabled() || caller.generation() < state.generation());
    }
    if (caller.hasRole(Roles.CUSTOMER) && caller.conversationId() != null) {
      UUID conversation = uuidOrNull(caller.conversationId());
      return conversation != null && endedSessions.containsKey(conversation);
    }
    return false;
  }

  private void requireFresh() {
    if (!fresh(nanoTime.getAsLong())) {
      catchUp();
    }
  }

  /** Whether a read started at most {@link #MAX_AGE} before {@code now}. */
  private boolean fresh(long now) {
    return read && now - readAt <= MAX_AGE.toNanos();
  }

  /**
   * The denylist is too old: reads what changed on the caller's thread, unless another thread did
   * while this one waited for the lock, or a read failed less than {@link #MAX_AGE} ago (then the
   * database is taken for down, and no request waits for it to time out again). A check waits at
   * most {@link #MAX_AGE} for the lock, then answers if a read finished meanwhile (the lock may
   * have gone to the next read at once), and refuses if none did.
   */
  private void catchUp() {
    boolean locked;
    try {
      locked = lock.tryLock(MAX_AGE.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(nanoTime.getAsLong(), null);
    }
    if (!locked) {
      long now = nanoTime.getAsLong();
      if (fresh(now)) {
        return;
      }
      throw new RevocationUnavailableException(
          "the token denylist could not be refreshed for "
              + (read ? Duration.ofNanos(now - readAt).toMillis() + " ms" : "its first read")
              + ": a read under way did not finish within "
              + MAX_AGE.toMillis()
              + " ms (the gateway's database answers too slowly)");
    }
    try {
      long now = nanoTime.getAsLong();
      if (fresh(now)) {
        return;
      }
      if (failed && now - failedAt <= MAX_AGE.toNanos()) {
        throw unavailable(now, null);
      }
      read();
    } catch (RevocationUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw unavailable(nanoTime.getAsLong(), e);
    } finally {
      lock.unlock();
    }
  }

  private RevocationUnavailableException unavailable(long now, RuntimeException cause) {
    String detail =
        read
            ? "the token denylist could not be refreshed for "
                + Duration.ofNanos(now - readAt).toMillis()
                + " ms (the gateway's database does not answer)"
            : "the token denylist has not been read yet (the gateway's database does not answer)";
    return new RevocationUnavailableException(detail, cause);
  }

  private static UUID uuidOrNull(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
