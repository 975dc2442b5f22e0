package org.supportinbox.gateway.infrastructure.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.supportinbox.gateway.application.SharedBuckets;

/**
 * The rate limits' buckets in {@code rate_limit_buckets} (V6), with Bucket4j's PostgreSQL backend:
 * each take is one short transaction on the pool ({@code select ... for update} of the key's row,
 * inserted first if missing, then the new state written back), so two instances taking from one
 * bucket wait for each other instead of both spending the same token. Plain JDBC outside any JTA
 * transaction (Bucket4j commits its own); its callers run in none.
 *
 * <p>Takes of one key that arrive on this instance while its transaction is running wait and then
 * go together in the next one (Bucket4j's batching optimization): a hot key, e.g. one address that
 * many customers share behind a NAT, costs one transaction per batch rather than one per request,
 * and its row lock is not queued on by every request thread. Nothing is spent locally: every token
 * is taken in the database, so the limit stays exact across instances. The batching lives in each
 * key's {@link BucketProxy}, so they are kept ({@link #MAX_PROXIES} keys, each forgotten two
 * minutes after its last use).
 *
 * <p>The refill is computed from this instance's clock: instances' clocks must agree (NTP) to well
 * under a second, or a bucket refills a little early or late. Each row records when its bucket is
 * full again ({@code expires_at}, plus a margin); {@link #forgetExpired} deletes it after that.
 */
@ApplicationScoped
public class PostgresSharedBuckets implements SharedBuckets {

  /** A statement that has not answered by then fails (and the request with it: 503). */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  /** Rows are kept this long after their bucket is full again. */
  static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(10);

  /** Keys whose bucket proxies (and batching) are kept at most. */
  static final int MAX_PROXIES = 100_000;

  @Resource(lookup = "jdbc/inbox")
  DataSource dataSource;

  private PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

  private final Map<Integer, BucketConfiguration> configurations = new ConcurrentHashMap<>();

  private final Cache<String, BucketProxy> proxies =
      Caffeine.newBuilder()
          .maximumSize(MAX_PROXIES)
          .expireAfterAccess(Duration.ofMinutes(2))
          .executor(Runnable::run)
          .build();

  @PostConstruct
  void create() {
    buckets =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table("rate_limit_buckets")
            .idColumn("id")
            .stateColumn("state")
            .expiresAtColumn("expires_at")
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL))
            .requestTimeout(REQUEST_TIMEOUT)
            .build();
  }

  @Override
  public ConsumptionProbe tryConsume(String key, int perMinute) {
    // The key names its rate (RateLimiter), so a key's configuration never changes.
    BucketProxy bucket =
        proxies.get(
            key,
            k ->
                buckets
                    .builder()
                    .withOptimization(Optimizations.batching())
                    .build(k, () -> configuration(perMinute)));
    try {
      return bucket.tryConsumeAndReturnRemaining(1);
    } catch (RuntimeException e) {
      if (!bucketMissing(e)) {
        throw e;
      }
      // Bucket4j (8.14 to 8.18) creates a missing bucket for a single take but not for a batch of
      // them: the whole batch fails, having changed nothing. This happens to a key's first burst
      // and after its row was forgotten; each take of the batch is then made alone, and the first
      // one creates the bucket.
      return buckets.getProxy(key, () -> configuration(perMinute)).tryConsumeAndReturnRemaining(1);
    }
  }

  private static boolean bucketMissing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BucketNotFoundException) {
        return true;
      }
    }
    return false;
  }

  private BucketConfiguration configuration(int perMinute) {
    return configurations.computeIfAbsent(
        perMinute,
        n ->
            BucketConfiguration.builder()
                .addLimit(
                    Bandwidth.builder().capacity(n).refillGreedy(n, Duration.ofMinutes(1)).build())
                .build());
  }

  @Override
  public int forgetExpired(int max) {
    return buckets.removeExpired(max);
  }
}
