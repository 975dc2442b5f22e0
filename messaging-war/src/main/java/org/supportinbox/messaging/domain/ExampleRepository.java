package org.supportinbox.messaging.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.rest.AiExample;

/**
 * The admins' decisions on intent corrections (the port; {@code JpaExampleRepository} stores them):
 * the approved ones are the embedded classifier's learned examples.
 */
public interface ExampleRepository {

  /**
   * Waits until no other review is in progress, until the caller's transaction ends: decisions then
   * take their positions in the order they are committed.
   */
  void lockReviews();

  /**
   * Stores the decision on the message and intent with the next position, replacing an earlier one;
   * when {@code status} is {@code approved}, the message's other approved intents become {@code
   * rejected} (each with a position of its own). Call {@link #lockReviews()} first.
   */
  AiExample decide(
      UUID messageId,
      String intent,
      String text,
      String language,
      String status,
      String reviewer,
      Instant at);

  /** Whether an admin has decided on the message and intent. */
  boolean decided(UUID messageId, String intent);

  /** The decisions after position {@code after}, in order, at most {@code limit}. */
  List<AiExample> after(long after, int limit);
}
