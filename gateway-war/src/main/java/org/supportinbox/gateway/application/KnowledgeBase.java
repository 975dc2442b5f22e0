package org.supportinbox.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.supportinbox.auth.Caller;
import org.supportinbox.contracts.rest.ArticleView;

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

  @Inject AuditedDelete deletions;

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
   * kb_article.deleted} with its id (subject) and title and version (detail) ({@link
   * AuditedDelete}).
   */
  public Messaging.Answer delete(String operatorToken, Caller admin, UUID id) {
    return deletions.delete(
        admin,
        DELETED,
        id,
        () -> messaging.article(operatorToken, id),
        ArticleView.class,
        article -> "title \"" + article.title() + "\", version " + article.version(),
        () -> messaging.deleteArticle(operatorToken, id));
  }
}
