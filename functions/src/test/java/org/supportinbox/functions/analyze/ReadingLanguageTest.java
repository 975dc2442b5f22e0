package org.supportinbox.functions.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.functions.analyze.language.LanguageDetection;

/**
 * The languages of a message as the analyze function reads it ({@link AnalyzeFunction#read}): the
 * detected one, stored (null when the detector is unsure), and the one it is read with, the
 * likeliest when unsure, worked out once and given both to the knowledge-base search (its glossary)
 * and to the analyzers (the embedded one's examples).
 */
class ReadingLanguageTest {

  private static final LanguageDetection LANGUAGES = LanguageDetection.shared();

  /** Too short for the detector to name, French by its likeliest language. */
  private static final String UNSURE_FRENCH = "Mot de passe perdu";

  private final List<String> searchedIn = new ArrayList<>();

  /** Records the language of each search; finds nothing. */
  private final Knowledge knowledge =
      (text, language) -> {
        searchedIn.add(language);
        return List.of();
      };

  private static MessageView message(String content) {
    return new MessageView(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "customer",
        "Ana Lima",
        content,
        null,
        false,
        Instant.now(),
        null,
        null,
        List.of());
  }

  @Test
  void anUnsureMessageIsStoredWithoutALanguageAndSearchedAndReadInItsLikeliest() {
    assertThat(LANGUAGES.detect(UNSURE_FRENCH)).isEmpty();
    assertThat(LANGUAGES.likeliest(UNSURE_FRENCH)).contains("fr");

    Analyzer.Message read =
        AnalyzeFunction.read(LANGUAGES, knowledge, message(UNSURE_FRENCH), List.of(), null);

    assertThat(read.language()).as("stored and told to Ollama").isNull();
    assertThat(read.readingLanguage()).as("the embedded analyzer's examples").isEqualTo("fr");
    assertThat(searchedIn).as("the knowledge base's glossary, one search").containsExactly("fr");
  }

  @Test
  void aDetectedMessageIsStoredSearchedAndReadInItsLanguage() {
    Analyzer.Message read =
        AnalyzeFunction.read(
            LANGUAGES, knowledge, message("Je voudrais un remboursement"), List.of(), "earlier");

    assertThat(read.language()).isEqualTo("fr");
    assertThat(read.readingLanguage()).isEqualTo("fr");
    assertThat(read.previousSummary()).isEqualTo("earlier");
    assertThat(searchedIn).containsExactly("fr");
  }

  @Test
  void tooShortForEvenALikeliestLanguageIsReadInNone() {
    Analyzer.Message read =
        AnalyzeFunction.read(LANGUAGES, knowledge, message("Hello!"), List.of(), null);

    assertThat(read.language()).isNull();
    assertThat(read.readingLanguage()).isNull();
    assertThat(searchedIn).containsExactly((String) null);
  }

  @Test
  void aFailedSearchLeavesTheMessageWithoutPassages() {
    Analyzer.Message read =
        AnalyzeFunction.read(
            LANGUAGES,
            (text, language) -> {
              throw new IllegalStateException("index broken");
            },
            message(UNSURE_FRENCH),
            List.of(),
            null);

    assertThat(read.knowledge()).isEmpty();
    assertThat(read.readingLanguage()).isEqualTo("fr");
  }
}
