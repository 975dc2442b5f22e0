package org.supportinbox.functions.retrieval;

/**
 * A retrieved passage. {@code score} is the fused reciprocal-rank score (higher is better, at most
 * 2 / (k + 1)); {@code cosine} is the cosine similarity of the query and passage embeddings (-1..1)
 * and {@code textScore} the BM25 score of the full-text side (0 when the passage was found only by
 * its vector).
 */
public record ScoredPassage(Passage passage, double score, double cosine, double textScore) {}
