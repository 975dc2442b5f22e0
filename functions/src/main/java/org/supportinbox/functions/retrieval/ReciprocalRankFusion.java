package org.supportinbox.functions.retrieval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): an item's fused score is the
 * sum over the rankings that contain it of {@code 1 / (k + rank)}, rank counted from 1. It needs no
 * calibration between BM25 scores and cosines, which live on unrelated scales; {@code k = 60} is
 * the paper's value.
 */
public final class ReciprocalRankFusion {

  public static final int K = 60;

  private ReciprocalRankFusion() {}

  /** Fused scores of every item found in any of the rankings (best first within each ranking). */
  public static <T> Map<T, Double> fuse(List<List<T>> rankings, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0");
    }
    Map<T, Double> scores = new HashMap<>();
    for (List<T> ranking : rankings) {
      for (int i = 0; i < ranking.size(); i++) {
        scores.merge(ranking.get(i), 1.0 / (k + i + 1), Double::sum);
      }
    }
    return scores;
  }
}
