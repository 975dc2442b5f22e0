package org.supportinbox.functions.analyze;

import java.util.Objects;
import java.util.UUID;

/**
 * A knowledge-base passage found for a message: what the analyzers may ground a suggested reply in.
 *
 * @param title the article's title
 * @param text the passage, plain text as in the article
 * @param language the article's ISO 639-1 code, null when unknown
 * @param score how near the passage is to the message: the cosine similarity of their embeddings
 */
public record KnowledgePassage(
    UUID articleId, String title, String text, String language, double score) {

  public KnowledgePassage {
    Objects.requireNonNull(articleId, "articleId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
  }
}
