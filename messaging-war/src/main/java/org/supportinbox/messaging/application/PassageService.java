package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.rest.KbPassage;
import org.supportinbox.contracts.rest.PassagePage;
import org.supportinbox.contracts.rest.PassageSetView;
import org.supportinbox.messaging.domain.Article;
import org.supportinbox.messaging.domain.ArticleRepository;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.NotFoundException;
import org.supportinbox.messaging.domain.PassageRepository;
import org.supportinbox.messaging.domain.PassageSet;
import org.supportinbox.platform.ConflictException;

/**
 * The knowledge base's retrieval index, written by the AI functions' indexer and read by every
 * analyzing replica (the REST layer checks the role and the values). A set is stored only for the
 * version of the article it was cut from: the article is locked as a change to it is, so a set and
 * a change of the same article run one after the other, and a set of an older version is refused.
 */
@ApplicationScoped
public class PassageService {

  @Inject ArticleRepository articles;

  @Inject PassageRepository passages;

  /**
   * Stores the passages of version {@code articleVersion} of an article in place of what the index
   * held of it. 404 when the article does not exist (deleted meanwhile: its tombstone is written by
   * the deletion), 409 naming {@code article_version} when it is at another version by now.
   */
  @Transactional
  public PassageSetView store(
      UUID articleId, long articleVersion, String model, List<PassageSet.Stored> given) {
    Article article = articles.lock(articleId);
    if (article == null) {
      throw new NotFoundException("article", articleId);
    }
    if (article.version() != articleVersion) {
      throw new ConflictException(
          "article_version",
          "the article is at version "
              + article.version()
              + ", not "
              + articleVersion
              + ": index the current text");
    }
    long revision =
        passages.replace(
            articleId,
            articleVersion,
            article.title(),
            article.language(),
            model,
            given,
            Clock.now());
    return view(
        new PassageSet(
            articleId,
            revision,
            articleVersion,
            article.title(),
            article.language(),
            false,
            model,
            Clock.now(),
            given));
  }

  /** The sets changed after {@code revision}, in revision order, at most {@code limit}. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public PassagePage after(long revision, int limit) {
    // One more than asked tells whether another page follows.
    List<PassageSet> sets = passages.after(revision, limit + 1);
    boolean more = sets.size() > limit;
    List<PassageSetView> page = sets.stream().limit(limit).map(PassageService::view).toList();
    return new PassagePage(
        page, page.isEmpty() ? revision : page.get(page.size() - 1).revision(), more);
  }

  static PassageSetView view(PassageSet set) {
    Base64.Encoder base64 = Base64.getEncoder();
    return new PassageSetView(
        set.articleId(),
        set.revision(),
        set.articleVersion(),
        set.title(),
        set.language(),
        set.deleted(),
        set.model(),
        set.indexedAt(),
        set.passages().stream()
            .map(p -> new KbPassage(p.ordinal(), p.text(), base64.encodeToString(p.embedding())))
            .toList());
  }
}
