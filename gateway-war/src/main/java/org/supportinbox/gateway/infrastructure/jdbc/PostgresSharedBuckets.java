package org.supportinbox.gateway.infrastructure.jdbc;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
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

  @Resource(lookup = "jdbc/inbox")
  DataSource dataSource;

  private PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

  private final Map<Integer, BucketConfiguration> configurations = new ConcurrentHashMap<>();

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
    BucketConfiguration configuration =
        configurations.computeIfAbsent(
            perMinute,
            n ->
                BucketConfiguration.builder()
                    .addLimit(
                        Bandwidth.builder()
                            .capacity(n)
                            .refillGreedy(n, Duration.ofMinutes(1))
                            .build())
                    .build());
    return buckets.getProxy(key, () -> configuration).tryConsumeAndReturnRemaining(1);
  }

  @Override
  public int forgetExpired(int max) {
    return buckets.removeExpired(max);
  }
}
