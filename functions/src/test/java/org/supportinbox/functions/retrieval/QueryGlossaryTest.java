package org.supportinbox.functions.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryGlossaryTest {

  private static final QueryGlossary BUILT_IN = QueryGlossary.load(null);

  @Test
  void theBuiltInLanguagesHaveGlossaries() {
    assertThat(BUILT_IN.languages()).contains("de", "fr", "es");
  }

  @Test
  void inflectedWordsMeetTheirEntryThroughTheStemmer() {
    assertThat(BUILT_IN.english("Ich warte auf meine Rückerstattungen", "de"))
        .contains("refund money back");
    assertThat(BUILT_IN.english("je n'ai pas été remboursée", "fr")).contains("refund money back");
  }

  @Test
  void theLongestPhraseWins() {
    assertThat(BUILT_IN.english("ma carte cadeau", "fr"))
        .contains("gift card")
        .doesNotContain("credit card debit card");
  }

  @Test
  void aGermanCompoundIsReadByItsKnownBeginningAndEnd(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("de"));
    Files.writeString(
        dir.resolve("de/" + QueryGlossary.FILE), "return: [Rücksendung]\nlabel: [Etikett]\n");
    QueryGlossary glossary = QueryGlossary.load(dir);
    assertThat(glossary.english("Wo ist mein Rücksendeetikett?", "de"))
        .containsExactly("return", "label");
    // French does not make compounds: only whole words count.
    assertThat(glossary.english("Rücksendeetikett", "fr")).isEmpty();
  }

  @Test
  void englishAndUnknownLanguagesAreLeftAsTheyAre() {
    assertThat(BUILT_IN.expand("where is my parcel?", "en")).isEqualTo("where is my parcel?");
    assertThat(BUILT_IN.expand("wo ist mein Paket?", null)).isEqualTo("wo ist mein Paket?");
    assertThat(BUILT_IN.expand("wo ist mein Paket?", "de"))
        .startsWith("wo ist mein Paket?\n")
        .contains("parcel");
  }

  @Test
  void aFileInTheDirectoryReplacesTheBuiltInOne(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("es"));
    Files.writeString(dir.resolve("es/" + QueryGlossary.FILE), "parcel: [bulto]\n");
    QueryGlossary glossary = QueryGlossary.load(dir);
    assertThat(glossary.english("mi bulto", "es")).containsExactly("parcel");
    assertThat(glossary.english("mi contraseña", "es")).isEmpty();
    assertThat(glossary.english("mein Passwort", "de")).contains("password");
  }

  @Test
  void aBrokenFileSaysWhy(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("fr"));
    Files.writeString(dir.resolve("fr/" + QueryGlossary.FILE), "refund: []\n");
    assertThatThrownBy(() -> QueryGlossary.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fr/kb-glossary.yaml")
        .hasMessageContaining("refund");
  }
}
