package org.supportinbox.functions.analyze.embedded;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.supportinbox.contracts.Intent;

/**
 * Intent by the labelled examples of one language that are nearest in spelling: each text is a
 * TF-IDF vector of its words and of the character n-grams ({@value #MIN_N} to {@value #MAX_N}
 * letters) inside them, and each intent scores the mean cosine similarity of its {@value #TOP_K}
 * nearest examples, as the English path does with sentence embeddings. The n-grams make the
 * inflected and compound forms of one word meet ("Rückerstattung", "erstatten", "zurückerstattet";
 * "rembourser", "remboursé") without a stemmer per language; the IDF, computed over the examples,
 * makes the words every intent shares ("bitte", "mon", "the") count for little.
 *
 * <p>Why not a library: the candidates on Maven Central (Apache OpenNLP's document categorizer,
 * maximum entropy or naive Bayes; Lucene's classification module) learn weights from the examples
 * and need many more than the dozen per intent an operator writes; a nearest-neighbour vote needs
 * no training, explains each decision by the examples it was near, and picks up an edited example
 * file as it is. This is its whole implementation. Immutable and thread-safe.
 */
final class NgramClassifier {

  static final int MIN_N = 3;
  static final int MAX_N = 5;

  /** Nearest examples per intent whose similarities are averaged. */
  static final int TOP_K = 3;

  /**
   * Below this best similarity to any example the message shares next to nothing with them: {@code
   * other}.
   */
  static final double OTHER_THRESHOLD = 0.06;

  /** How much the similarity to an intent's centroid counts against its nearest examples. */
  static final double CENTROID_WEIGHT = 0.5;

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private final Map<String, Double> idf;
  private final Map<Intent, List<Map<String, Double>>> examples;
  private final Map<Intent, Map<String, Double>> centroids;
  private final double centroidWeight;

  NgramClassifier(Map<Intent, List<String>> labelled) {
    this(labelled, CENTROID_WEIGHT);
  }

  NgramClassifier(Map<Intent, List<String>> labelled, double centroidWeight) {
    this.centroidWeight = centroidWeight;
    Map<String, Integer> documentFrequency = new HashMap<>();
    Map<Intent, List<Map<String, Integer>>> counts = new EnumMap<>(Intent.class);
    int documents = 0;
    for (Map.Entry<Intent, List<String>> e : labelled.entrySet()) {
      List<Map<String, Integer>> list = new ArrayList<>();
      for (String text : e.getValue()) {
        Map<String, Integer> c = features(text);
        c.keySet().forEach(f -> documentFrequency.merge(f, 1, Integer::sum));
        list.add(c);
        documents++;
      }
      counts.put(e.getKey(), list);
    }
    Map<String, Double> weights = new HashMap<>();
    for (Map.Entry<String, Integer> e : documentFrequency.entrySet()) {
      weights.put(e.getKey(), Math.log((1.0 + documents) / (1.0 + e.getValue())) + 1);
    }
    this.idf = Map.copyOf(weights);
    this.examples = new EnumMap<>(Intent.class);
    for (Map.Entry<Intent, List<Map<String, Integer>>> e : counts.entrySet()) {
      List<Map<String, Double>> vectors = new ArrayList<>();
      for (Map<String, Integer> c : e.getValue()) {
        vectors.add(vector(c));
      }
      examples.put(e.getKey(), List.copyOf(vectors));
    }
    this.centroids = new EnumMap<>(Intent.class);
    for (Map.Entry<Intent, List<Map<String, Double>>> e : examples.entrySet()) {
      Map<String, Double> sum = new HashMap<>();
      for (Map<String, Double> v : e.getValue()) {
        v.forEach((k, w) -> sum.merge(k, w, Double::sum));
      }
      double norm = Math.sqrt(sum.values().stream().mapToDouble(w -> w * w).sum());
      sum.replaceAll((k, w) -> norm == 0 ? 0 : w / norm);
      centroids.put(e.getKey(), sum);
    }
  }

  /** The intent of {@code text}; {@code other} when it is near no example. */
  Intent classify(String text) {
    Map<String, Double> v = vector(features(text));
    Intent best = Intent.OTHER;
    double bestScore = -1;
    double bestSingle = 0;
    for (Map.Entry<Intent, List<Map<String, Double>>> e : examples.entrySet()) {
      double[] top = new double[Math.min(TOP_K, e.getValue().size())];
      for (Map<String, Double> example : e.getValue()) {
        double s = dot(v, example);
        bestSingle = Math.max(bestSingle, s);
        int min = 0;
        for (int i = 1; i < top.length; i++) {
          if (top[i] < top[min]) {
            min = i;
          }
        }
        if (s > top[min]) {
          top[min] = s;
        }
      }
      double score =
          (1 - centroidWeight) * Arrays.stream(top).average().orElse(0)
              + centroidWeight * dot(v, centroids.get(e.getKey()));
      if (score > bestScore) {
        bestScore = score;
        best = e.getKey();
      }
    }
    return bestSingle < OTHER_THRESHOLD ? Intent.OTHER : best;
  }

  /** Word and character n-gram counts of the text, lower case, without accents. */
  static Map<String, Integer> features(String text) {
    String folded =
        MARKS
            .matcher(Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD))
            .replaceAll("");
    Map<String, Integer> out = new HashMap<>();
    for (String word : NON_WORD.split(folded)) {
      if (word.isEmpty()) {
        continue;
      }
      out.merge("w:" + word, 1, Integer::sum);
      String padded = " " + word + " ";
      for (int n = MIN_N; n <= MAX_N; n++) {
        for (int i = 0; i + n <= padded.length(); i++) {
          out.merge(padded.substring(i, i + n), 1, Integer::sum);
        }
      }
    }
    return out;
  }

  /** Sublinear TF times IDF, unit length; features no example has are left out. */
  private Map<String, Double> vector(Map<String, Integer> counts) {
    Map<String, Double> v = new HashMap<>();
    double norm = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      Double weight = idf.get(e.getKey());
      if (weight != null) {
        double w = (1 + Math.log(e.getValue())) * weight;
        v.put(e.getKey(), w);
        norm += w * w;
      }
    }
    double length = Math.sqrt(norm);
    if (length > 0) {
      v.replaceAll((k, w) -> w / length);
    }
    return v;
  }

  private static double dot(Map<String, Double> a, Map<String, Double> b) {
    Map<String, Double> small = a.size() <= b.size() ? a : b;
    Map<String, Double> large = small == a ? b : a;
    double sum = 0;
    for (Map.Entry<String, Double> e : small.entrySet()) {
      Double o = large.get(e.getKey());
      if (o != null) {
        sum += e.getValue() * o;
      }
    }
    return sum;
  }
}
