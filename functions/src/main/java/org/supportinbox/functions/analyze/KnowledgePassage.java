package org.supportinbox.functions.analyze;

import java.util.Objects;
import java.util.UUID;

/**
 * A knowledge-base passage found for a message: what the analyzers may ground a suggested reply in.
 *
 * @param kind {@link #ARTICLE} (a knowledge-base article) or {@link #CONVERSATION} (the operators'
 *     answers in a resolved conversation, with {@code KB_PAST_ANSWERS})
 * @param sourceId the article's or the conversation's id
 * @param title the article's title; for a conversation, the first line of its first message
 * @param text the passage, plain text as in the article
 * @param language the article's ISO 639-1 code, null when unknown
 * @param score how near the passage is to the message: the cosine similarity of their embeddings
 */
public record KnowledgePassage(
    String kind, UUID sourceId, String title, String text, String language, double score) {

  public static final String ARTICLE = "article";
  public static final String CONVERSATION = "conversation";

  public KnowledgePassage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
  }

  /** A passage of an article. */
  public KnowledgePassage(
      UUID articleId, String title, String text, String language, double score) {
    this(ARTICLE, articleId, title, text, language, score);
  }
}
