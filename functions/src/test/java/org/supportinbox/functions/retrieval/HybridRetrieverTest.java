package org.supportinbox.functions.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The retriever's bookkeeping, with a toy embedder (letter counts) instead of the model. */
class HybridRetrieverTest {

  private static float[] letters(String text) {
    float[] v = new float[26];
    for (char c : text.toLowerCase().toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        v[c - 'a']++;
      }
    }
    return v;
  }

  private final HybridRetriever retriever = new HybridRetriever(HybridRetrieverTest::letters);

  @Test
  void findsThePassageSharingTheQuerysWordsAndScoresIt() {
    retriever.put(List.of(new Passage("refunds", 0, "Refunds", "Money back within five days")));
    retriever.put(List.of(new Passage("shipping", 0, "Shipping", "Parcels travel for two days")));
    List<ScoredPassage> top = retriever.retrieve("when do I get my refund money back", 1);
    assertThat(top)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.passage().articleId()).isEqualTo("refunds");
              assertThat(p.textScore()).isPositive();
              assertThat(p.score()).isEqualTo(2.0 / 61);
            });
  }

  @Test
  void puttingAnArticleAgainReplacesItsPassagesAndRemovingForgetsThem() {
    retriever.put(List.of(new Passage("a", 0, "A", "one"), new Passage("a", 1, "A", "two")));
    retriever.put(List.of(new Passage("b", 0, "B", "three")));
    assertThat(retriever.size()).isEqualTo(3);
    retriever.put(List.of(new Passage("a", 0, "A", "only one now")));
    assertThat(retriever.size()).isEqualTo(2);
    retriever.remove("a");
    assertThat(retriever.size()).isEqualTo(1);
    assertThat(retriever.retrieve("only one now", 5))
        .extracting(p -> p.passage().articleId())
        .containsExactly("b");
    retriever.remove("b");
    assertThat(retriever.retrieve("anything", 5)).isEmpty();
  }

  @Test
  void anUpdateRemovesAndReplacesManyArticlesAtOnce() {
    retriever.put(List.of(new Passage("a", 0, "A", "one"), new Passage("b", 0, "B", "two")));
    retriever.put(List.of(new Passage("c", 0, "C", "three")));
    List<Passage> incoming =
        List.of(
            new Passage("b", 0, "B", "two again"),
            new Passage("d", 0, "D", "four"),
            new Passage("d", 1, "D", "five"));
    retriever.update(
        List.of("a", "c"), incoming, incoming.stream().map(p -> letters(p.indexedText())).toList());
    assertThat(retriever.size()).isEqualTo(3);
    assertThat(retriever.retrieve("two again", 5))
        .extracting(p -> p.passage().articleId())
        .containsExactlyInAnyOrder("b", "d", "d");
  }

  @Test
  void topKeepsTheBestInOrder() {
    double[] scores = {0.1, 0.9, 0, 0.5, 0.7, -1};
    assertThat(HybridRetriever.top(scores, 3, false)).containsExactly(1, 4, 3);
    assertThat(HybridRetriever.top(scores, 10, true)).containsExactly(1, 4, 3, 0);
  }

  @Test
  void termsFoldCaseAndAccentsAndCutWordsToTheirPrefix() {
    assertThat(Terms.of("Rückerstattungen für RÉSILIER, a 2FA"))
        .containsExactly("rucker", "fur", "resili", "2fa");
  }
}
