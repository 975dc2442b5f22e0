package org.supportinbox.messaging.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What the knowledge-base index holds of one source, an article or a resolved conversation's
 * answers: its passages with their embeddings, or, once an article is deleted, a tombstone without
 * passages.
 *
 * @param kind {@link #ARTICLE} or {@link #CONVERSATION}
 * @param revision the set's place in the order of every change to the index
 * @param version the article's version the passages were cut from; 1 for a conversation
 * @param model the embedding model; null for a tombstone
 */
public record PassageSet(
    String kind,
    UUID sourceId,
    long revision,
    long version,
    String title,
    String language,
    boolean deleted,
    String model,
    Instant indexedAt,
    List<Stored> passages) {

  public PassageSet {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sourceId, "sourceId");
    passages = List.copyOf(passages);
  }

  public static final String ARTICLE = "article";
  public static final String CONVERSATION = "conversation";

  /**
   * One passage.
   *
   * @param embedding its vector as little-endian IEEE 754 floats
   */
  public record Stored(int ordinal, String text, byte[] embedding) {}
}
