package org.supportinbox.functions.analyze.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.Intent;
import org.supportinbox.functions.analyze.Analyzer;
import org.supportinbox.functions.analyze.language.LanguageDetection;

/**
 * The feedback loop measured (docs/ai.md#feedback): 20 approved intent corrections in French, the
 * language the evaluation sets read worst. Operators correct what the AI got wrong, so the
 * corrections are the first 20 messages (all of them when fewer) of a pool of their own ({@code
 * src/test/resources/embedded/corrections/fr.yaml}, 96 labelled messages in neither the examples
 * nor the sets) that the analyzer misclassifies, taken across the intents (each intent's first
 * miss, then each one's second, ...). An analyzer learns them the way the function does ({@link
 * EmbeddedAnalyzer#learn}, the insight's language being what the detector says). Prints French
 * accuracy on the evaluation and holdout sets before and after, and fails when it does not rise on
 * the two together, or drops on the evaluation set, or a language that learned nothing moves.
 * Deterministic: same model, same files, same answer.
 */
class CorrectionsEvaluationTest {

  static final String LANGUAGE = "fr";

  private static EmbeddedAnalyzer before;
  private static EmbeddedAnalyzer after;
  private static Map<Intent, List<String>> pool;
  private static List<LearnedExamples.Example> corrections;

  /** How many pool messages the analyzer misclassifies before learning. */
  private static int poolMisses;

  private static final LanguageDetection DETECTION = LanguageDetection.shared();

  @BeforeAll
  static void learn() throws IOException {
    before = SharedEmbeddedAnalyzer.get();
    after = before.copy();
    pool = read("/embedded/corrections/" + LANGUAGE + ".yaml");
    corrections = new ArrayList<>();
    int longest = pool.values().stream().mapToInt(List::size).max().orElse(0);
    StringBuilder taken = new StringBuilder();
    for (int i = 0; i < longest && corrections.size() < 20; i++) {
      for (Map.Entry<Intent, List<String>> e : pool.entrySet()) {
        if (i >= e.getValue().size() || corrections.size() == 20) {
          continue;
        }
        String text = e.getValue().get(i);
        Intent said = intent(before, text);
        if (said != e.getKey()) {
          corrections.add(
              new LearnedExamples.Example(text, e.getKey(), DETECTION.detect(text).orElse(null)));
          taken.append(
              String.format(Locale.ROOT, "  %s -> %s: %s%n", said.wire(), e.getKey().wire(), text));
        }
      }
    }
    for (Map.Entry<Intent, List<String>> e : pool.entrySet()) {
      for (String text : e.getValue()) {
        poolMisses += intent(before, text) == e.getKey() ? 0 : 1;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "the %d corrections (AI's intent -> corrected; %d of the pool's 96 misclassified):%n%s",
        corrections.size(),
        poolMisses,
        taken);
    after.learn(corrections);
    System.out.println("learned, by the language each was sent to: " + after.learnedCounts());
  }

  @Test
  void thePoolHasTwentyCorrectionsInNoSetAndNoExample() throws IOException {
    List<String> texts = new ArrayList<>();
    pool.values().forEach(texts::addAll);
    assertThat(texts).hasSize(96).doesNotHaveDuplicates();
    List<String> elsewhere = new ArrayList<>();
    new EmbeddedResources(null)
        .languageExamples(List.of(LANGUAGE))
        .get(LANGUAGE)
        .values()
        .forEach(elsewhere::addAll);
    for (String set : List.of("evaluation", "holdout")) {
      read("/embedded/" + set + "/" + LANGUAGE + ".yaml").values().forEach(elsewhere::addAll);
    }
    List<String> known = elsewhere.stream().map(CorrectionsEvaluationTest::norm).toList();
    for (String t : texts) {
      assertThat(known).as("a correction among the examples or sets").doesNotContain(norm(t));
    }
    // Twenty misclassified messages (all the pool's misses when it has fewer: 19 since the
    // pleasantries are set aside) were found and learned, each where its insight's language sends
    // it (French, but for a message the detector takes for another language).
    assertThat(poolMisses).isPositive();
    assertThat(corrections).hasSize(Math.min(20, poolMisses));
    assertThat(after.learnedCounts().values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(corrections.size());
  }

  @Test
  void twentyCorrectionsRaiseFrenchAccuracy() throws IOException {
    Map<String, int[]> figures = new LinkedHashMap<>();
    StringBuilder changed = new StringBuilder();
    for (String set : List.of("evaluation", "holdout")) {
      int[] f = new int[3]; // right before, right after, n
      read("/embedded/" + set + "/" + LANGUAGE + ".yaml")
          .forEach(
              (intent, texts) -> {
                for (String text : texts) {
                  Intent was = intent(before, text);
                  Intent is = intent(after, text);
                  f[0] += was == intent ? 1 : 0;
                  f[1] += is == intent ? 1 : 0;
                  f[2]++;
                  if (was != is) {
                    changed.append(
                        String.format(
                            Locale.ROOT,
                            "  %s %s: %s -> %s: %s%n",
                            set,
                            intent.wire(),
                            was.wire(),
                            is.wire(),
                            text));
                  }
                }
              });
      figures.put(set, f);
    }
    int[] e = figures.get("evaluation");
    int[] h = figures.get("holdout");
    System.out.printf(
        Locale.ROOT,
        "French intent accuracy, %d approved corrections:%n"
            + "| set | n | before | after |%n| --- | --- | --- | --- |%n"
            + "| evaluation | %d | %s | %s |%n| holdout | %d | %s | %s |%n| both | %d | %s | %s |%n"
            + "changed:%n%s",
        corrections.size(),
        e[2],
        pct(e[0], e[2]),
        pct(e[1], e[2]),
        h[2],
        pct(h[0], h[2]),
        pct(h[1], h[2]),
        e[2] + h[2],
        pct(e[0] + h[0], e[2] + h[2]),
        pct(e[1] + h[1], e[2] + h[2]),
        changed);
    assertThat(e[1]).as("evaluation set after").isGreaterThanOrEqualTo(e[0]);
    assertThat(e[1] + h[1]).as("both sets after").isGreaterThan(e[0] + h[0]);
  }

  /**
   * A language that learned nothing keeps the intent of every message detected as that language. (A
   * correction the detector takes for another language goes to that language's examples, as the
   * function would send it.)
   */
  @Test
  void languagesThatLearnedNothingDoNotMove() throws IOException {
    for (String code : List.of("de", "es", "nl", "it", "pt")) {
      if (after.learnedCounts().containsKey(code)) {
        continue;
      }
      for (Map.Entry<Intent, List<String>> e :
          read("/embedded/evaluation/" + code + ".yaml").entrySet()) {
        for (String text : e.getValue()) {
          // Detected as its language, it goes to that language's examples, which did not change;
          // taken for no language or another one it may meet the English embeddings, which can
          // have learned a correction the detector could not place.
          if (code.equals(DETECTION.detect(text).orElse(null))) {
            assertThat(intent(after, text)).as(code + ": " + text).isEqualTo(intent(before, text));
          }
        }
      }
    }
  }

  private static Intent intent(EmbeddedAnalyzer analyzer, String text) {
    // As the function reads it: in its detected language, or when unsure in the likeliest one.
    String language = DETECTION.detect(text).orElse(null);
    return analyzer
        .analyse(
            Analyzer.Message.of("Ana Lima", text)
                .withLanguage(language, DETECTION.detectedOrLikeliest(language, text)))
        .insight()
        .intent();
  }

  private static Map<Intent, List<String>> read(String name) throws IOException {
    try (InputStream in = CorrectionsEvaluationTest.class.getResourceAsStream(name)) {
      return EmbeddedResources.readIntentLists(in, name);
    }
  }

  private static String pct(int right, int n) {
    return String.format(Locale.ROOT, "%d/%d = %.1f %%", right, n, 100.0 * right / n);
  }

  private static String norm(String text) {
    return text.toLowerCase(Locale.ROOT).strip();
  }
}
