package org.supportinbox.messaging.domain;

import java.util.List;
import java.util.UUID;

/**
 * Knowledge-base articles (the port; {@code infrastructure.jpa.JpaArticleRepository} stores them).
 */
public interface ArticleRepository {

  /**
   * The articles whose title contains {@code text} (any case; null: all) and that have {@code tag}
   * (null: any), by title (any case), then id; {@code offset} skipped, at most {@code limit}.
   */
  List<Article> matching(String text, String tag, int offset, int limit);

  /**
   * The article with this id, or null; either way the id is locked until the transaction ends, so
   * that two calls for one id (a {@code PUT} creating it twice at once, a {@code PUT} and a {@code
   * DELETE}) run one after the other and publish their events in that order.
   */
  Article lock(UUID id);

  Article find(UUID id);

  /** Stores a new article now, not at commit; its id is {@link #lock locked} and free. */
  void add(Article article);

  /** Writes the changes of an article found in this transaction now. */
  void update(Article article);

  /** Deletes the article; whether there was one. */
  boolean delete(UUID id);
}
