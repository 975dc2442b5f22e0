package org.supportinbox.functions.retrieval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable BM25 index (Robertson/Sparck Jones, k1 = 1.2, b = 0.75) over passages' indexed text,
 * held in memory: postings per term, document lengths, nothing else. Built once per knowledge-base
 * version; searching allocates only a score array per query.
 */
final class TextIndex {

  private static final double K1 = 1.2;
  private static final double B = 0.75;

  private final Map<String, int[][]> postings; // term -> {doc ids, term frequencies}
  private final int[] lengths;
  private final double averageLength;

  TextIndex(List<Passage> passages) {
    Map<String, List<int[]>> building = new HashMap<>();
    lengths = new int[passages.size()];
    long total = 0;
    for (int doc = 0; doc < passages.size(); doc++) {
      List<String> terms = Terms.of(passages.get(doc).indexedText());
      lengths[doc] = terms.size();
      total += terms.size();
      Map<String, Integer> tf = new HashMap<>();
      for (String term : terms) {
        tf.merge(term, 1, Integer::sum);
      }
      for (Map.Entry<String, Integer> e : tf.entrySet()) {
        building
            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(new int[] {doc, e.getValue()});
      }
    }
    averageLength = passages.isEmpty() ? 1 : Math.max(1, (double) total / passages.size());
    postings = new HashMap<>(building.size() * 2);
    for (Map.Entry<String, List<int[]>> e : building.entrySet()) {
      List<int[]> list = e.getValue();
      int[] docs = new int[list.size()];
      int[] freqs = new int[list.size()];
      for (int i = 0; i < list.size(); i++) {
        docs[i] = list.get(i)[0];
        freqs[i] = list.get(i)[1];
      }
      postings.put(e.getKey(), new int[][] {docs, freqs});
    }
  }

  /** BM25 score of every passage for the query (0 for passages sharing no term with it). */
  double[] scores(String query) {
    double[] scores = new double[lengths.length];
    int n = lengths.length;
    for (String term : new java.util.LinkedHashSet<>(Terms.of(query))) {
      int[][] posting = postings.get(term);
      if (posting == null) {
        continue;
      }
      int df = posting[0].length;
      double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (int i = 0; i < df; i++) {
        int doc = posting[0][i];
        double tf = posting[1][i];
        double norm = K1 * (1 - B + B * lengths[doc] / averageLength);
        scores[doc] += idf * tf * (K1 + 1) / (tf + norm);
      }
    }
    return scores;
  }
}
