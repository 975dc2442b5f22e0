package org.supportinbox.contracts;

import java.util.UUID;

/**
 * Something an insight's suggested reply was grounded in: a knowledge-base passage given to the
 * model (or answered from by the embedded provider).
 *
 * @param kind {@code article} (a knowledge-base article); {@code conversation} is reserved for past
 *     answers
 * @param id the article's id
 * @param title the article's title when the message was analysed
 * @param score how near the passage is to the message: the cosine similarity of their embeddings,
 *     0..1, three decimals
 */
public record InsightSource(
    @Required String kind, @Required UUID id, @Required String title, double score) {

  public static final String ARTICLE = "article";
  public static final String CONVERSATION = "conversation";
}
