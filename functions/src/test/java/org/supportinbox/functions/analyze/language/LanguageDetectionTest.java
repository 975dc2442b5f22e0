package org.supportinbox.functions.analyze.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The customer's language: named for a sentence in each served language, empty when too short or
 * unclear; what loading and detecting cost (the figures of docs/ai.md#language).
 */
class LanguageDetectionTest {

  private static LanguageDetection detection;

  @BeforeAll
  static void load() {
    detection = measuredLoad();
  }

  @Test
  void aSentenceInEachServedLanguageIsNamed() {
    assertThat(detection.detect("My parcel has not arrived yet, can you check the tracking?"))
        .contains("en");
    assertThat(detection.detect("Mein Paket ist noch nicht angekommen, können Sie nachsehen?"))
        .contains("de");
    assertThat(detection.detect("Mon colis n'est toujours pas arrivé, pouvez-vous vérifier ?"))
        .contains("fr");
    assertThat(detection.detect("Mi paquete todavía no ha llegado, ¿pueden comprobarlo?"))
        .contains("es");
    assertThat(detection.detect("Mijn pakket is nog steeds niet aangekomen, kunnen jullie kijken?"))
        .contains("nl");
    assertThat(detection.detect("Il mio pacco non è ancora arrivato, potete controllare?"))
        .contains("it");
    assertThat(detection.detect("A minha encomenda ainda não chegou, podem verificar?"))
        .contains("pt");
  }

  @Test
  void tooShortOrNoLanguageAtAllIsUnknown() {
    assertThat(detection.detect("ok")).isEmpty();
    assertThat(detection.detect("Hallo!")).isEmpty();
    assertThat(detection.detect("#4711 / 2026-03-01 12:00")).isEmpty();
    assertThat(detection.detect("   ")).isEmpty();
    assertThat(detection.detect(null)).isEmpty();
  }

  @Test
  void everyAnswerIsAServedIso6391Code() {
    for (String text :
        new String[] {
          "Dzień dobry, moja paczka jeszcze nie dotarła.",
          "Hej, mitt paket har inte kommit fram än.",
          "Unser Team 🙂 thanks merci gracias grazie obrigado bedankt",
        }) {
      Optional<String> language = detection.detect(text);
      language.ifPresent(code -> assertThat(LanguageDetection.LANGUAGES).contains(code));
    }
  }

  @Test
  void aLongMessageIsReadFromItsStartOnly() {
    String text = "Ich warte seit zwei Wochen auf meine Bestellung. ".repeat(2_000);
    long start = System.nanoTime();
    assertThat(detection.detect(text)).contains("de");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
  }

  @Test
  void namesAreEnglish() {
    assertThat(LanguageDetection.englishName("de")).isEqualTo("German");
    assertThat(LanguageDetection.englishName("pt")).isEqualTo("Portuguese");
  }

  /** Loads the models and prints the time and the heap it took, and the time per message. */
  private static LanguageDetection measuredLoad() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long heapBefore = rt.totalMemory() - rt.freeMemory();
    long start = System.nanoTime();
    LanguageDetection loaded = LanguageDetection.load();
    long loadMs = (System.nanoTime() - start) / 1_000_000;
    System.gc();
    long heapAfter = rt.totalMemory() - rt.freeMemory();
    String message = "Guten Tag, ich habe meine Rechnung bekommen und der Betrag stimmt nicht.";
    for (int i = 0; i < 200; i++) {
      loaded.detect(message); // warm-up
    }
    int n = 2_000;
    start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      loaded.detect(message);
    }
    double perMessageUs = (System.nanoTime() - start) / 1_000.0 / n;
    System.out.printf(
        Locale.ROOT,
        "language detection: %d languages loaded in %d ms, heap +%.1f MB (after GC), %.0f µs per"
            + " message of %d characters%n",
        LanguageDetection.LANGUAGES.size(),
        loadMs,
        (heapAfter - heapBefore) / 1_048_576.0,
        perMessageUs,
        message.length());
    return loaded;
  }
}
