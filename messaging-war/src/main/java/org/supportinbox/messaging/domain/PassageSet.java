package org.supportinbox.messaging.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What the knowledge-base index holds of one article: its passages with their embeddings, or, once
 * the article is deleted, a tombstone without passages.
 *
 * @param revision the set's place in the order of every change to the index
 * @param model the embedding model; null for a tombstone
 */
public record PassageSet(
    UUID articleId,
    long revision,
    long articleVersion,
    String title,
    String language,
    boolean deleted,
    String model,
    Instant indexedAt,
    List<Stored> passages) {

  public PassageSet {
    Objects.requireNonNull(articleId, "articleId");
    passages = List.copyOf(passages);
  }

  /**
   * One passage.
   *
   * @param embedding its vector as little-endian IEEE 754 floats
   */
  public record Stored(int ordinal, String text, byte[] embedding) {}
}
