package org.supportinbox.functions.analyze.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.Intent;
import org.supportinbox.functions.analyze.Analyzer;
import org.supportinbox.functions.analyze.language.LanguageDetection;

/**
 * Intent accuracy of the embedded provider on the evaluation set ({@code
 * src/test/resources/embedded/intent-evaluation.yaml}), which is kept apart from the examples it
 * classifies by. Prints the per-intent precision and recall (the table in docs/ai.md) and fails
 * below the floor: an edit of the examples, the threshold or the model that makes the classifier
 * worse shows here.
 */
class EmbeddedEvaluationTest {

  /** The overall accuracy the suite enforces (docs/ai.md has the measured figure). */
  static final double ACCURACY_FLOOR = 0.85;

  private static EmbeddedAnalyzer analyzer;
  private static Map<Intent, List<String>> evaluation;

  @BeforeAll
  static void load() throws IOException {
    analyzer = SharedEmbeddedAnalyzer.get();
    try (InputStream in =
        EmbeddedEvaluationTest.class.getResourceAsStream("/embedded/intent-evaluation.yaml")) {
      evaluation = EmbeddedResources.readIntentLists(in, "intent-evaluation.yaml");
    }
  }

  @Test
  void evaluationSetHasAtLeastTenMessagesPerIntentNoneOfThemAnExample() {
    Map<Intent, List<String>> examples = new EmbeddedResources(null).examples();
    List<String> allExamples = new ArrayList<>();
    examples.values().forEach(l -> l.forEach(t -> allExamples.add(t.toLowerCase(Locale.ROOT))));
    for (Intent intent : Intent.values()) {
      assertThat(evaluation.get(intent)).as(intent.wire()).hasSizeGreaterThanOrEqualTo(10);
      assertThat(examples.get(intent)).as(intent.wire()).hasSizeGreaterThanOrEqualTo(25);
      for (String text : evaluation.get(intent)) {
        assertThat(allExamples)
            .as("evaluation text among the examples")
            .doesNotContain(text.toLowerCase(Locale.ROOT));
      }
    }
  }

  @Test
  void intentAccuracyOnTheEvaluationSetIsAtLeastTheFloor() {
    double accuracy = report("evaluation", evaluation);
    assertThat(accuracy).as("overall intent accuracy").isGreaterThanOrEqualTo(ACCURACY_FLOOR);
  }

  /**
   * The holdout set was written after the examples were last extended and has never been used to
   * tune anything: its figure is the honest one for unseen messages. Reported, not enforced: it is
   * small (5 per intent), so one message moves it by 1.7 points.
   */
  @Test
  void intentAccuracyOnTheHoldoutSetIsReported() throws IOException {
    try (InputStream in =
        EmbeddedEvaluationTest.class.getResourceAsStream("/embedded/intent-holdout.yaml")) {
      Map<Intent, List<String>> holdout =
          EmbeddedResources.readIntentLists(in, "intent-holdout.yaml");
      assertThat(report("holdout", holdout)).isBetween(0.0, 1.0);
    }
  }

  /** Classifies every message of {@code set}, prints the table and the misses; the accuracy. */
  private static double report(String name, Map<Intent, List<String>> set) {
    Map<Intent, int[]> counts = new EnumMap<>(Intent.class); // true positive, predicted, actual
    for (Intent i : Intent.values()) {
      counts.put(i, new int[3]);
    }
    int total = 0;
    int correct = 0;
    StringBuilder misses = new StringBuilder();
    for (Map.Entry<Intent, List<String>> e : set.entrySet()) {
      for (String text : e.getValue()) {
        // Its language not detected here (as if stored as null), read as the function reads such
        // a message: in its likeliest language.
        Analyzer.Message message =
            Analyzer.Message.of("Ana Lima", text)
                .withLanguage(null, LanguageDetection.shared().likeliest(text).orElse(null));
        Intent predicted = analyzer.analyse(message).insight().intent();
        total++;
        counts.get(e.getKey())[2]++;
        counts.get(predicted)[1]++;
        if (predicted == e.getKey()) {
          correct++;
          counts.get(predicted)[0]++;
        } else {
          misses.append(
              String.format(
                  Locale.ROOT, "  %s -> %s: %s%n", e.getKey().wire(), predicted.wire(), text));
        }
      }
    }
    StringBuilder table =
        new StringBuilder("| intent | precision | recall | n |\n| --- | --- | --- | --- |\n");
    for (Intent i : Intent.values()) {
      int[] c = counts.get(i);
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %.2f | %.2f | %d |%n",
              i.wire(),
              c[1] == 0 ? 0.0 : (double) c[0] / c[1],
              c[2] == 0 ? 0.0 : (double) c[0] / c[2],
              c[2]));
    }
    double accuracy = (double) correct / total;
    System.out.printf(
        Locale.ROOT,
        "embedded intent accuracy (%s set) %d/%d = %.3f%n%s%nmisclassified:%n%s",
        name,
        correct,
        total,
        accuracy,
        table,
        misses);
    return accuracy;
  }
}
