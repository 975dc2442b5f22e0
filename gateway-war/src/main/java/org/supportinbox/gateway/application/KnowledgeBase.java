package org.supportinbox.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.supportinbox.auth.Caller;
import org.supportinbox.contracts.rest.ArticleView;
import org.supportinbox.platform.WireJson;

/**
 * The knowledge base's articles as the gateway offers them: every call goes to messaging with the
 * operator's own token (messaging checks the role, validates the body and takes the author from the
 * token) and its answer is passed on. A deletion is also an audit entry here.
 */
@ApplicationScoped
public class KnowledgeBase {

  /** The audit action of a deleted article. */
  public static final String DELETED = "kb_article.deleted";

  @Inject Messaging messaging;

  @Inject AuditLog audit;

  /** By title; {@code q}, {@code tag}, {@code limit}, {@code offset} as given (null: absent). */
  public Messaging.Answer list(String operatorToken, Map<String, String> parameters) {
    return messaging.articles(operatorToken, parameters);
  }

  public Messaging.Answer get(String operatorToken, UUID id) {
    return messaging.article(operatorToken, id);
  }

  /** A new article ({@code ArticleDraft}), validated by messaging. */
  public Messaging.Answer create(String operatorToken, String body) {
    return messaging.createArticle(operatorToken, body);
  }

  /**
   * Creates or replaces the article with this id ({@code ArticleDraft}), validated by messaging.
   */
  public Messaging.Answer put(String operatorToken, UUID id, String body) {
    return messaging.putArticle(operatorToken, id, body);
  }

  /**
   * Deletes the article and, once messaging answered {@code 204}, records {@code
   * kb_article.deleted} with its id (subject) and title and version (detail), read just before, as
   * {@link SavedReplies#delete} does.
   */
  public Messaging.Answer delete(String operatorToken, Caller admin, UUID id) {
    Messaging.Answer found = messaging.article(operatorToken, id);
    if (!found.ok()) {
      return found;
    }
    ArticleView article = WireJson.JSONB.fromJson(found.body(), ArticleView.class);
    Messaging.Answer deleted = messaging.deleteArticle(operatorToken, id);
    if (deleted.status() == 204) {
      audit.recordDone(
          Instant.now().truncatedTo(ChronoUnit.MICROS),
          admin.subject(),
          DELETED,
          id.toString(),
          null,
          "title \"" + article.title() + "\", version " + article.version());
    }
    return deleted;
  }
}
