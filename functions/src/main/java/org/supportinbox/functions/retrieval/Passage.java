package org.supportinbox.functions.retrieval;

import java.util.Objects;

/**
 * One retrievable piece of an article: its {@code ordinal}-th chunk (0-based), with the article's
 * title so a passage read alone still says what it is about.
 */
public record Passage(String articleId, int ordinal, String title, String text) {

  public Passage {
    Objects.requireNonNull(articleId, "articleId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
    if (ordinal < 0) {
      throw new IllegalArgumentException("ordinal must be >= 0");
    }
  }

  /** What is indexed and embedded: the title, a blank line, the chunk. */
  public String indexedText() {
    return title + "\n\n" + text;
  }
}
