package org.supportinbox.functions.analyze.embedded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.supportinbox.contracts.Intent;
import org.supportinbox.functions.analyze.language.LanguageDetection;

/**
 * The labelled examples the embedded analyzer classifies by, as one immutable snapshot: the English
 * examples' sentence embeddings, one {@link NgramClassifier} per language with examples of its own,
 * and the learned examples (admins' approved corrections) merged into both. {@link #learn} builds a
 * new snapshot and never changes this one, so a reader holding it is never disturbed.
 */
public final class LearnedExamples {

  /**
   * One learned example: a customer message's text and the intent an admin approved for it.
   *
   * @param language the insight's language (ISO 639-1), null when the detector could not tell
   */
  public record Example(String text, Intent intent, String language) {

    public Example {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(intent, "intent");
    }
  }

  /** Where a learned example goes when it has no language of its own with examples. */
  static final String EMBEDDINGS = "en";

  private final Map<Intent, float[][]> baseVectors;
  private final Map<String, Map<Intent, List<String>>> baseTexts;
  private final Map<String, NgramClassifier> baseClassifiers;
  private final Map<Intent, float[][]> vectors;
  private final Map<String, NgramClassifier> classifiers;
  private final Map<String, float[]> embedded;
  private final Map<String, Integer> learnedCounts;

  private LearnedExamples(
      Map<Intent, float[][]> baseVectors,
      Map<String, Map<Intent, List<String>>> baseTexts,
      Map<String, NgramClassifier> baseClassifiers,
      Map<Intent, float[][]> vectors,
      Map<String, NgramClassifier> classifiers,
      Map<String, float[]> embedded,
      Map<String, Integer> learnedCounts) {
    this.baseVectors = baseVectors;
    this.baseTexts = baseTexts;
    this.baseClassifiers = baseClassifiers;
    this.vectors = vectors;
    this.classifiers = classifiers;
    this.embedded = embedded;
    this.learnedCounts = learnedCounts;
  }

  /** The examples of the files: English ones embedded, other languages' as texts. */
  static LearnedExamples of(
      Map<Intent, float[][]> englishVectors, Map<String, Map<Intent, List<String>>> languages) {
    Map<Intent, float[][]> base = new EnumMap<>(Intent.class);
    base.putAll(englishVectors);
    Map<String, Map<Intent, List<String>>> texts = new TreeMap<>();
    Map<String, NgramClassifier> classifiers = new TreeMap<>();
    languages.forEach(
        (code, byIntent) -> {
          Map<Intent, List<String>> copy = new EnumMap<>(Intent.class);
          byIntent.forEach((intent, list) -> copy.put(intent, List.copyOf(list)));
          texts.put(code, copy);
          classifiers.put(code, new NgramClassifier(copy));
        });
    return new LearnedExamples(
        Map.copyOf(base),
        Map.copyOf(texts),
        Map.copyOf(classifiers),
        Map.copyOf(base),
        Map.copyOf(classifiers),
        Map.of(),
        Map.of());
  }

  /**
   * The files' examples plus {@code learned} (replacing whatever was learned before). {@code embed}
   * turns texts into the English sentence vectors; texts embedded for the snapshot before are not
   * embedded again.
   */
  LearnedExamples learn(Collection<Example> learned, Function<List<String>, float[][]> embed) {
    Map<String, Map<Intent, List<String>>> byLanguage = new TreeMap<>();
    Map<Intent, List<String>> english = new EnumMap<>(Intent.class);
    Map<String, Integer> counts = new TreeMap<>();
    for (Example e : learned) {
      String where = destination(e);
      Map<Intent, List<String>> target =
          EMBEDDINGS.equals(where)
              ? english
              : byLanguage.computeIfAbsent(where, k -> new EnumMap<>(Intent.class));
      target.computeIfAbsent(e.intent(), k -> new ArrayList<>()).add(e.text());
      counts.merge(where, 1, Integer::sum);
    }
    // English: the files' vectors, then the learned texts' (embedded once, kept by text).
    List<String> missing = new ArrayList<>();
    english
        .values()
        .forEach(l -> l.stream().filter(t -> !embedded.containsKey(t)).forEach(missing::add));
    Map<String, float[]> known = new HashMap<>();
    english
        .values()
        .forEach(
            l ->
                l.stream()
                    .filter(embedded::containsKey)
                    .forEach(t -> known.put(t, embedded.get(t))));
    if (!missing.isEmpty()) {
      List<String> distinct = missing.stream().distinct().toList();
      float[][] computed = embed.apply(distinct);
      for (int i = 0; i < distinct.size(); i++) {
        known.put(distinct.get(i), computed[i]);
      }
    }
    Map<Intent, float[][]> vectors = new EnumMap<>(Intent.class);
    vectors.putAll(baseVectors);
    english.forEach(
        (intent, texts) -> {
          float[][] base = baseVectors.getOrDefault(intent, new float[0][]);
          float[][] all = java.util.Arrays.copyOf(base, base.length + texts.size());
          for (int i = 0; i < texts.size(); i++) {
            all[base.length + i] = known.get(texts.get(i));
          }
          vectors.put(intent, all);
        });
    // Other languages: a classifier of the files' examples and the learned ones, for each language
    // that learned something (the IDF is over all of them); the others the files' one.
    Map<String, NgramClassifier> classifiers = new TreeMap<>();
    for (Map.Entry<String, Map<Intent, List<String>>> e : baseTexts.entrySet()) {
      Map<Intent, List<String>> extra = byLanguage.get(e.getKey());
      if (extra == null) {
        classifiers.put(e.getKey(), baseClassifiers.get(e.getKey()));
        continue;
      }
      Map<Intent, List<String>> merged = new EnumMap<>(Intent.class);
      e.getValue().forEach((intent, texts) -> merged.put(intent, new ArrayList<>(texts)));
      extra.forEach(
          (intent, texts) -> merged.computeIfAbsent(intent, k -> new ArrayList<>()).addAll(texts));
      classifiers.put(e.getKey(), new NgramClassifier(merged));
    }
    return new LearnedExamples(
        baseVectors,
        baseTexts,
        baseClassifiers,
        Map.copyOf(vectors),
        Map.copyOf(classifiers),
        Map.copyOf(known),
        Map.copyOf(counts));
  }

  /** As the analyzer would see it: the English sentence embeddings only, no language's examples. */
  LearnedExamples withoutLanguages() {
    return new LearnedExamples(
        baseVectors, Map.of(), Map.of(), vectors, Map.of(), embedded, learnedCounts);
  }

  /**
   * Where a message of this text would be classified: its language when it has examples of its own;
   * when unknown, the detector's likeliest language, as a message is read ({@code
   * Analyzer.Message.readingLanguage}).
   */
  private String destination(Example e) {
    String language = e.language();
    if (language == null && !baseTexts.isEmpty()) {
      language = LanguageDetection.shared().likeliest(e.text()).orElse(null);
    }
    return language != null && baseTexts.containsKey(language) ? language : EMBEDDINGS;
  }

  Map<Intent, float[][]> vectors() {
    return vectors;
  }

  Map<String, NgramClassifier> classifiers() {
    return classifiers;
  }

  /** Learned examples in use, by language ({@value #EMBEDDINGS}: the English embeddings). */
  Map<String, Integer> learnedCounts() {
    return learnedCounts;
  }
}
