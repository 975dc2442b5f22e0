package org.supportinbox.messaging.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The knowledge-base retrieval index (the port; {@code infrastructure.jpa.JpaPassageRepository}
 * stores it). Every write takes the index's lock first and draws the next revision, so revisions
 * follow the order of the commits.
 */
public interface PassageRepository {

  /**
   * Replaces what the index holds of a source ({@code kind} {@code article} or {@code
   * conversation}) with these passages; the new revision.
   */
  long replace(
      String kind,
      UUID sourceId,
      long version,
      String title,
      String language,
      String model,
      List<PassageSet.Stored> passages,
      Instant at);

  /** The article was deleted: its passages go, a tombstone stays; the new revision. */
  long tombstone(UUID articleId, long lastVersion, String title, String language, Instant at);

  /** The sets changed after {@code revision}, in revision order, at most {@code limit}. */
  List<PassageSet> after(long revision, int limit);
}
