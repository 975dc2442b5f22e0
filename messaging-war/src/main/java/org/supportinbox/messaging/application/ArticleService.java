package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.rest.ArticleDraft;
import org.supportinbox.contracts.rest.ArticleView;
import org.supportinbox.messaging.domain.Article;
import org.supportinbox.messaging.domain.ArticleRepository;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.NotFoundException;
import org.supportinbox.messaging.domain.PassageRepository;
import org.supportinbox.platform.ConflictException;

/**
 * The knowledge base: articles listed and read by operators, created and replaced by any operator,
 * deleted by admins (the REST layer checks the roles and the values). Each call is one transaction
 * in which every change also records its {@code article.changed} in the outbox, so a refused call
 * stores and publishes nothing; a deletion also leaves its tombstone in the retrieval index.
 */
@ApplicationScoped
public class ArticleService {

  @Inject ArticleRepository articles;

  @Inject ApplicationEvents events;

  @Inject PassageRepository passages;

  /** By title; see {@link ArticleRepository#matching}. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<ArticleView> list(String text, String tag, int offset, int limit) {
    return articles.matching(text, tag, offset, limit).stream().map(Views::article).toList();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public ArticleView get(UUID id) {
    Article article = articles.find(id);
    if (article == null) {
      throw new NotFoundException("article", id);
    }
    return Views.article(article);
  }

  /** A new article with a new id, by {@code author} (a display name from the token). */
  @Transactional
  public ArticleView create(ArticleDraft draft, String author) {
    return Views.article(add(UUID.randomUUID(), draft, author));
  }

  /** What {@link #put} did: the article, and whether it was created by it. */
  public record Put(ArticleView article, boolean created) {}

  /**
   * Creates the article with this id, or replaces its values: what makes an import idempotent. A
   * replacement with the same values changes nothing (no new version, no event). {@code
   * draft.version()}, when given, must be the stored version (409 naming {@code version} otherwise,
   * also when there is no article with this id any more).
   */
  @Transactional
  public Put put(UUID id, ArticleDraft draft, String editor) {
    Article article = articles.lock(id);
    if (article == null) {
      if (draft.version() != null) {
        throw new ConflictException(
            "version", "the article was deleted meanwhile; it has no version " + draft.version());
      }
      return new Put(Views.article(add(id, draft, editor)), true);
    }
    if (draft.version() != null && draft.version() != article.version()) {
      throw new ConflictException(
          "version",
          "the article was changed meanwhile: it is at version "
              + article.version()
              + ", not "
              + draft.version());
    }
    if (article.replace(
        draft.title(), draft.body(), draft.tags(), draft.language(), editor, Clock.now())) {
      articles.update(article);
      events.articleWasUpdated(article);
    }
    return new Put(Views.article(article), false);
  }

  @Transactional
  public void delete(UUID id) {
    Article article = articles.lock(id);
    if (article == null || !articles.delete(id)) {
      throw new NotFoundException("article", id);
    }
    events.articleWasDeleted(article, Clock.now());
    // The index forgets it in the same transaction: retrieval never offers a deleted article, even
    // before an indexer has seen the event.
    passages.tombstone(id, article.version(), article.title(), article.language(), Clock.now());
  }

  private Article add(UUID id, ArticleDraft draft, String author) {
    Article article =
        new Article(
            id, draft.title(), draft.body(), draft.tags(), draft.language(), author, Clock.now());
    articles.add(article);
    events.articleWasCreated(article);
    return article;
  }
}
