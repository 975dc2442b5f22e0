package org.supportinbox.gateway.application;

import java.util.List;

/**
 * Token buckets shared by every gateway instance (the port; {@code
 * infrastructure.jdbc.PostgresSharedBuckets} keeps them in the gateway's database). A bucket holds
 * {@code perMinute} tokens and is refilled evenly over a minute; a missing bucket is full.
 */
public interface SharedBuckets {

  /** One bucket to take a token from: its key (naming its rate) and its tokens a minute. */
  record Take(String key, int perMinute) {}

  /**
   * Takes one token from every bucket of {@code takes}, or from none of them when any has none left
   * (all or nothing, at once). Returns, in the order of {@code takes}, the nanoseconds until each
   * bucket has a token again: 0 for a bucket that has one now; the tokens were taken exactly when
   * every entry is 0. Throws a {@link RuntimeException} when the store cannot answer (the caller
   * decides: fail closed).
   */
  long[] tryTake(List<Take> takes);

  /** Deletes at most {@code max} buckets that are full again (forgetting them changes nothing). */
  int forgetExpired(int max);
}
