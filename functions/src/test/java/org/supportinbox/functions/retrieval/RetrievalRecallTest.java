package org.supportinbox.functions.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recall@3 of the hybrid retriever on the evaluation set ({@link EvaluationSet}): a query counts as
 * found when one of the three best passages belongs to its expected article. Figures are printed
 * per language and recorded in docs/ai.md; the floors below sit just under what was measured, so a
 * change that makes retrieval worse fails here.
 */
class RetrievalRecallTest {

  private static HybridRetriever retriever;

  @BeforeAll
  static void index() {
    retriever = new HybridRetriever(SharedEmbedder.get());
    retriever.put(EvaluationSet.passages(new PassageChunker()));
  }

  @Test
  void recallAtThreeOnTheEvaluationSet() {
    Map<String, int[]> hybrid = new TreeMap<>();
    Map<String, int[]> textOnly = new TreeMap<>();
    Map<String, int[]> vectorOnly = new TreeMap<>();
    for (EvaluationSet.Query q : EvaluationSet.queries()) {
      List<ScoredPassage> top = retriever.retrieve(q.text(), 3);
      count(hybrid, q, top.stream().anyMatch(p -> p.passage().articleId().equals(q.expected())));
      count(textOnly, q, foundBy(q, Side.TEXT));
      count(vectorOnly, q, foundBy(q, Side.VECTOR));
      if (top.stream().noneMatch(p -> p.passage().articleId().equals(q.expected()))) {
        System.out.printf(
            "missed [%s] %s -> %s%n",
            q.language(), q.text(), top.isEmpty() ? "-" : top.get(0).passage().title());
      }
    }
    print("hybrid", hybrid);
    print("text only", textOnly);
    print("vector only", vectorOnly);

    assertThat(rate(hybrid.get("all")))
        .as("recall@3, all languages")
        .isGreaterThanOrEqualTo(FLOOR_ALL);
    assertThat(rate(hybrid.get("en"))).as("recall@3, English").isGreaterThanOrEqualTo(FLOOR_EN);
    assertThat(rate(hybrid.get("de"))).as("recall@3, German").isGreaterThanOrEqualTo(FLOOR_DE);
    assertThat(rate(hybrid.get("fr"))).as("recall@3, French").isGreaterThanOrEqualTo(FLOOR_FR);
    assertThat(rate(hybrid.get("es"))).as("recall@3, Spanish").isGreaterThanOrEqualTo(FLOOR_ES);
  }

  // Measured 2026-12-06: all 41/71 (57.7 %), en 18/21, de 8/17, fr 9/17, es 6/16. Each floor lets
  // one more query of that language be missed, no more. The 90 % target is not met (docs/ai.md).
  static final double FLOOR_ALL = 0.55;
  static final double FLOOR_EN = 0.80;
  static final double FLOOR_DE = 0.40;
  static final double FLOOR_FR = 0.45;
  static final double FLOOR_ES = 0.30;

  private enum Side {
    TEXT,
    VECTOR
  }

  /** Whether one side alone (its own ranking, unfused) puts the expected article in its top 3. */
  private static boolean foundBy(EvaluationSet.Query q, Side side) {
    List<ScoredPassage> candidates = retriever.retrieve(q.text(), HybridRetriever.CANDIDATES * 2);
    java.util.Comparator<ScoredPassage> order =
        side == Side.TEXT
            ? java.util.Comparator.comparingDouble(ScoredPassage::textScore)
            : java.util.Comparator.comparingDouble(ScoredPassage::cosine);
    return candidates.stream()
        .filter(p -> side == Side.VECTOR || p.textScore() > 0)
        .sorted(order.reversed())
        .limit(3)
        .anyMatch(p -> p.passage().articleId().equals(q.expected()));
  }

  private static void count(Map<String, int[]> counts, EvaluationSet.Query q, boolean found) {
    for (String key : List.of("all", q.language())) {
      int[] c = counts.computeIfAbsent(key, k -> new int[2]);
      c[0] += found ? 1 : 0;
      c[1]++;
    }
  }

  private static double rate(int[] c) {
    return (double) c[0] / c[1];
  }

  private static void print(String name, Map<String, int[]> counts) {
    StringBuilder line = new StringBuilder("recall@3 " + name + ":");
    counts.forEach(
        (k, c) -> line.append(String.format(" %s %d/%d (%.1f %%)", k, c[0], c[1], 100 * rate(c))));
    System.out.println(line);
  }
}
