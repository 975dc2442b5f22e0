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
 * Intent accuracy of the embedded provider on customer messages in German, French, Spanish, Dutch,
 * Italian and Portuguese: the evaluation sets {@code
 * src/test/resources/embedded/evaluation/<code>.yaml} (6 messages per intent and language), written
 * apart from the examples the classifier uses ({@code
 * src/main/resources/embedded/<code>/intent-examples.yaml}) and never used to tune them. Each
 * message goes the function's way: its language detected by {@link LanguageDetection}, then the
 * analyzer. Prints, per language, the accuracy of that path, the accuracy the analyzer had before
 * it knew languages (the English sentence embeddings alone), and how often the language was
 * detected right (docs/ai.md#accuracy); fails below the floors.
 */
class MultilingualEvaluationTest {

  static final List<String> LANGUAGES = List.of("de", "fr", "es", "nl", "it", "pt");

  /** Floors a little below the measured figures (docs/ai.md#accuracy), so a regression shows. */
  static final Map<String, Double> FLOORS =
      Map.of("de", 0.93, "fr", 0.86, "es", 0.91, "nl", 0.88, "it", 0.87, "pt", 0.86);

  static final double OVERALL_FLOOR = 0.89;

  private static EmbeddedAnalyzer analyzer;

  /** The analyzer before it knew languages, for the "before" figures. */
  private static EmbeddedAnalyzer englishOnly;

  private static LanguageDetection detection;
  private static final Map<String, Map<Intent, List<String>>> SETS = new LinkedHashMap<>();

  @BeforeAll
  static void load() throws IOException {
    analyzer = SharedEmbeddedAnalyzer.get();
    englishOnly = analyzer.withoutLanguages();
    detection = LanguageDetection.shared();
    for (String code : LANGUAGES) {
      String name = "/embedded/evaluation/" + code + ".yaml";
      try (InputStream in = MultilingualEvaluationTest.class.getResourceAsStream(name)) {
        SETS.put(code, EmbeddedResources.readIntentLists(in, name));
      }
    }
  }

  @Test
  void eachSetHasSixMessagesPerIntentNoneOfThemAnExample() {
    Map<String, Map<Intent, List<String>>> examples =
        new EmbeddedResources(null).languageExamples(LANGUAGES);
    assertThat(examples.keySet()).containsExactlyInAnyOrderElementsOf(LANGUAGES);
    for (String code : LANGUAGES) {
      List<String> known = new ArrayList<>();
      examples.get(code).values().forEach(l -> l.forEach(t -> known.add(norm(t))));
      for (Intent intent : Intent.values()) {
        List<String> texts = SETS.get(code).get(intent);
        assertThat(texts).as(code + " " + intent.wire()).hasSizeGreaterThanOrEqualTo(6);
        for (String text : texts) {
          assertThat(known)
              .as(code + ": evaluation text among the examples")
              .doesNotContain(norm(text));
        }
      }
    }
  }

  /**
   * The holdout sets ({@code src/test/resources/embedded/holdout/<code>.yaml}, 2 messages per
   * intent and language, longer and mixed) were written after the examples were last extended and
   * have never been used to tune anything: their figure is the honest one for unseen messages.
   * Since 2026-12-07 they have been read, and the second holdout sets ({@code holdout2/}, written
   * before the greetings and signatures were set aside) are the unseen ones. Prints each set's
   * table and misses, then one table with a column per set. Reported, not enforced: one message
   * moves a language by 4 points.
   */
  @Test
  void intentAccuracyOnTheHoldoutSetsIsReported() throws IOException {
    Map<String, Map<Intent, List<String>>> holdout = new LinkedHashMap<>();
    Map<String, Map<Intent, List<String>>> holdout2 = new LinkedHashMap<>();
    for (String code : LANGUAGES) {
      holdout.put(code, read("/embedded/holdout/" + code + ".yaml"));
      holdout2.put(code, read("/embedded/holdout2/" + code + ".yaml"));
    }
    Map<String, Double> evaluation = measure("evaluation", SETS, false);
    Map<String, Double> first = measure("holdout", holdout, true);
    Map<String, Double> second = measure("holdout2", holdout2, true);
    StringBuilder table =
        new StringBuilder(
            "| language | evaluation | holdout | holdout2 |\n| --- | --- | --- | --- |\n");
    for (String code : new ArrayList<>(first.keySet())) {
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f %% | %.1f %% | %.1f %% |%n",
              code,
              100 * evaluation.get(code),
              100 * first.get(code),
              100 * second.get(code)));
    }
    System.out.printf(Locale.ROOT, "multilingual intent accuracy by set%n%s", table);
    assertThat(second.get("all")).isBetween(0.0, 1.0);
  }

  /**
   * The second holdout sets ({@code src/test/resources/embedded/holdout2/<code>.yaml}) were written
   * before the change they measure and share no text with the examples or any other set: no whole
   * message, and no line of six words or more (a formula such as "Sehr geehrte Damen und Herren"
   * may recur; a sentence may not).
   */
  @Test
  void theSecondHoldoutSetsShareNoTextWithTheExamplesOrTheOtherSets() throws IOException {
    Map<String, Map<Intent, List<String>>> examples =
        new EmbeddedResources(null).languageExamples(LANGUAGES);
    List<String> elsewhere = new ArrayList<>();
    new EmbeddedResources(null).examples().values().forEach(l -> l.forEach(elsewhere::add));
    for (String resource :
        List.of("/embedded/intent-evaluation.yaml", "/embedded/intent-holdout.yaml")) {
      read(resource).values().forEach(elsewhere::addAll);
    }
    for (String code : LANGUAGES) {
      examples.get(code).values().forEach(elsewhere::addAll);
      for (String set : List.of("evaluation", "holdout", "corrections")) {
        String resource = "/embedded/" + set + "/" + code + ".yaml";
        if (MultilingualEvaluationTest.class.getResource(resource) != null) {
          read(resource).values().forEach(elsewhere::addAll);
        }
      }
    }
    List<String> known = elsewhere.stream().map(MultilingualEvaluationTest::norm).toList();
    List<String> shared = new ArrayList<>();
    for (String code : LANGUAGES) {
      Map<Intent, List<String>> set = read("/embedded/holdout2/" + code + ".yaml");
      List<String> texts = new ArrayList<>();
      for (Intent intent : Intent.values()) {
        assertThat(set.get(intent)).as(code + " " + intent.wire()).hasSize(2);
        texts.addAll(set.get(intent));
      }
      assertThat(texts).as(code).doesNotHaveDuplicates();
      for (String text : texts) {
        assertThat(known).as(code + ": holdout2 text elsewhere").doesNotContain(norm(text));
        for (String line : text.split("\\n")) {
          if (line.strip().split("\\s+").length >= 6
              && known.stream().anyMatch(k -> k.contains(norm(line)))) {
            shared.add(code + ": " + line);
          }
        }
      }
    }
    assertThat(shared).as("holdout2 lines found elsewhere").isEmpty();
  }

  private static Map<Intent, List<String>> read(String resource) throws IOException {
    try (InputStream in = MultilingualEvaluationTest.class.getResourceAsStream(resource)) {
      return EmbeddedResources.readIntentLists(in, resource);
    }
  }

  @Test
  void intentAccuracyPerLanguageIsAtLeastItsFloor() {
    Map<String, Double> accuracy = measure("evaluation", SETS, true);
    for (String code : LANGUAGES) {
      assertThat(accuracy.get(code))
          .as(code + " intent accuracy")
          .isGreaterThanOrEqualTo(FLOORS.get(code));
    }
    assertThat(accuracy.get("all"))
        .as("overall intent accuracy")
        .isGreaterThanOrEqualTo(OVERALL_FLOOR);
  }

  /**
   * Classifies every message of the sets, prints the table and the misses (when {@code print});
   * accuracy by code.
   */
  private static Map<String, Double> measure(
      String setName, Map<String, Map<Intent, List<String>>> sets, boolean print) {
    int correct = 0;
    int total = 0;
    int before = 0;
    StringBuilder table =
        new StringBuilder(
            "| language | n | intent accuracy | before (embeddings only) | language detected |\n"
                + "| --- | --- | --- | --- | --- |\n");
    StringBuilder misses = new StringBuilder();
    Map<String, Double> accuracy = new LinkedHashMap<>();
    for (String code : LANGUAGES) {
      int right = 0;
      int rightBefore = 0;
      int detected = 0;
      int n = 0;
      for (Map.Entry<Intent, List<String>> e : sets.get(code).entrySet()) {
        for (String text : e.getValue()) {
          String language = detection.detect(text).orElse(null);
          Intent predicted = intent(read(text, language));
          Intent old =
              englishOnly.analyse(Analyzer.Message.of("Ana Lima", text)).insight().intent();
          n++;
          detected += code.equals(language) ? 1 : 0;
          rightBefore += old == e.getKey() ? 1 : 0;
          if (predicted == e.getKey()) {
            right++;
          } else {
            misses.append(
                String.format(
                    Locale.ROOT,
                    "  %s (%s) %s -> %s: %s%n",
                    code,
                    language,
                    e.getKey().wire(),
                    predicted.wire(),
                    text.replace("\n", " / ")));
          }
        }
      }
      accuracy.put(code, (double) right / n);
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.1f %% | %.1f %% | %.1f %% |%n",
              code,
              n,
              100.0 * right / n,
              100.0 * rightBefore / n,
              100.0 * detected / n));
      correct += right;
      before += rightBefore;
      total += n;
    }
    double overall = (double) correct / total;
    table.append(
        String.format(
            Locale.ROOT,
            "| all | %d | %.1f %% | %.1f %% | |%n",
            total,
            100.0 * overall,
            100.0 * before / total));
    if (print) {
      System.out.printf(
          Locale.ROOT,
          "multilingual intent accuracy (%s sets)%n%s%nmisclassified:%n%s",
          setName,
          table,
          misses);
    }
    accuracy.put("all", overall);
    return accuracy;
  }

  /**
   * As the function reads it: in its detected {@code language}, or when the detector is unsure in
   * the likeliest one.
   */
  private static Analyzer.Message read(String text, String language) {
    return Analyzer.Message.of("Ana Lima", text)
        .withLanguage(language, detection.detectedOrLikeliest(language, text));
  }

  private static Intent intent(Analyzer.Message message) {
    return analyzer.analyse(message).insight().intent();
  }

  private static String norm(String text) {
    return text.toLowerCase(Locale.ROOT).strip();
  }

  /**
   * English must not lose by the languages: the English evaluation set (EmbeddedEvaluationTest's)
   * the function's way, its language detected first, so a message taken for another language goes
   * to that language's examples. Prints the figure next to EmbeddedEvaluationTest's, with the
   * messages whose language was not detected as English.
   */
  @Test
  void theEnglishSetTheFunctionsWayKeepsItsAccuracy() throws IOException {
    Map<Intent, List<String>> english;
    try (InputStream in =
        MultilingualEvaluationTest.class.getResourceAsStream("/embedded/intent-evaluation.yaml")) {
      english = EmbeddedResources.readIntentLists(in, "intent-evaluation.yaml");
    }
    int right = 0;
    int rightBefore = 0;
    int n = 0;
    StringBuilder notEnglish = new StringBuilder();
    for (Map.Entry<Intent, List<String>> e : english.entrySet()) {
      for (String text : e.getValue()) {
        String language = detection.detect(text).orElse(null);
        n++;
        right += intent(read(text, language)) == e.getKey() ? 1 : 0;
        rightBefore +=
            englishOnly.analyse(Analyzer.Message.of("Ana Lima", text)).insight().intent()
                    == e.getKey()
                ? 1
                : 0;
        if (!"en".equals(language)) {
          notEnglish.append(String.format(Locale.ROOT, "  (%s) %s%n", language, text));
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "English evaluation set, language detected first: %d/%d = %.1f %% (without: %d/%d = %.1f"
            + " %%)%nnot detected as English:%n%s",
        right,
        n,
        100.0 * right / n,
        rightBefore,
        n,
        100.0 * rightBefore / n,
        notEnglish);
    assertThat((double) right / n).isGreaterThanOrEqualTo(EmbeddedEvaluationTest.ACCURACY_FLOOR);
    assertThat(right).as("no worse than without languages").isGreaterThanOrEqualTo(rightBefore);
  }
}
