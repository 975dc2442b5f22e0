package org.supportinbox.gateway.application;

import io.github.bucket4j.ConsumptionProbe;

/**
 * Token buckets shared by every gateway instance (the port; {@code
 * infrastructure.jdbc.PostgresSharedBuckets} keeps them in the gateway's database with Bucket4j's
 * PostgreSQL backend). A bucket holds {@code perMinute} tokens and is refilled evenly over a
 * minute.
 */
public interface SharedBuckets {

  /**
   * Takes one token from the bucket of {@code key}, made full on first use. Throws a {@link
   * RuntimeException} when the store cannot answer (the caller decides: fail closed).
   */
  ConsumptionProbe tryConsume(String key, int perMinute);

  /** Deletes at most {@code max} buckets that are full again (forgetting them changes nothing). */
  int forgetExpired(int max);
}
