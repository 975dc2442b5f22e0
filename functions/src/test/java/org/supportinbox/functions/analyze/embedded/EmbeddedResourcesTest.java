package org.supportinbox.functions.analyze.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supportinbox.contracts.Intent;

/** The editable files: built-in, overridden from AI_EMBEDDED_DIR, and refused when wrong. */
class EmbeddedResourcesTest {

  @TempDir Path dir;

  @Test
  void builtInFilesCoverEveryIntent() {
    EmbeddedResources resources = new EmbeddedResources(null);
    assertThat(resources.examples()).containsOnlyKeys(Intent.values());
    for (Intent intent : Intent.values()) {
      assertThat(resources.macros().reply(intent, "Ann", null)).startsWith("Hi Ann");
    }
  }

  @Test
  void aFileInTheDirectoryReplacesTheBuiltInOneOthersStay() throws IOException {
    StringBuilder yaml = new StringBuilder();
    for (Intent intent : Intent.values()) {
      yaml.append(intent.wire())
          .append(":\n  reply: \"Dear {name}, about ")
          .append(intent.wire())
          .append(".\"\n");
    }
    yaml.append("refund:\n  reply: \"Dear {name}, refund.\"\n  with_order: \"Order {order}.\"\n");
    Files.writeString(dir.resolve("reply-macros.yaml"), yaml);
    EmbeddedResources resources = new EmbeddedResources(dir);
    assertThat(resources.macros().reply(Intent.BILLING, null, "123"))
        .isEqualTo("Dear there, about billing.");
    assertThat(resources.macros().reply(Intent.REFUND, "Ann", "123")).isEqualTo("Order 123.");
    assertThat(resources.examples().get(Intent.BILLING)).isNotEmpty();
  }

  @Test
  void aMissingIntentIsNamed() throws IOException {
    Files.writeString(dir.resolve("intent-examples.yaml"), "billing:\n  - charged twice\n");
    assertThatThrownBy(() -> new EmbeddedResources(dir).examples())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("intent-examples.yaml lacks the intents")
        .hasMessageContaining("refund");
  }

  @Test
  void anUnknownIntentIsNamed() throws IOException {
    Files.writeString(dir.resolve("reply-macros.yaml"), "shipping:\n  reply: hi\n");
    assertThatThrownBy(() -> new EmbeddedResources(dir).macros())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'shipping' is not an intent");
  }

  @Test
  void brokenYamlIsRefusedWithTheFileName() throws IOException {
    Files.writeString(dir.resolve("lexicon.yaml"), "sentiment: [unclosed\n");
    assertThatThrownBy(() -> new EmbeddedResources(dir).lexicon())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("lexicon.yaml is not valid");
  }

  /** The files tell their editors how to override them with what the code reads, nothing else. */
  @Test
  void builtInFilesNameOnlyTheVariableThatIsRead() throws IOException {
    for (String name :
        List.of(EmbeddedResources.EXAMPLES, EmbeddedResources.MACROS, EmbeddedResources.LEXICON)) {
      String text;
      try (InputStream in = EmbeddedResources.class.getResourceAsStream("/embedded/" + name)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(Pattern.compile("AI_[A-Z_]+").matcher(text).results().map(MatchResult::group))
          .as(name)
          .containsOnly("AI_EMBEDDED_DIR");
    }
  }

  @Test
  void eachShippedLanguageHasExamplesAndMacrosForEveryIntent() {
    EmbeddedResources resources = new EmbeddedResources(null);
    List<String> codes = List.of("en", "de", "fr", "es", "nl", "it", "pt", "pl");
    assertThat(resources.languageExamples(codes).keySet())
        .containsExactly("de", "es", "fr", "it", "nl", "pt");
    java.util.Map<String, ReplyMacros> macros = resources.languageMacros(codes);
    assertThat(macros.keySet()).containsExactly("de", "es", "fr", "it", "nl", "pt");
    for (java.util.Map<Intent, List<String>> examples :
        resources.languageExamples(codes).values()) {
      assertThat(examples).containsOnlyKeys(Intent.values());
    }
    assertThat(macros.get("de").reply(Intent.REFUND, null, null)).startsWith("Hallo zusammen, ");
    assertThat(macros.get("fr").reply(Intent.ORDER_STATUS, "Luc", "A-1"))
        .startsWith("Bonjour Luc, ")
        .contains("commande A-1");
  }

  @Test
  void aLanguageFolderInTheDirectoryAddsOrReplacesThatLanguage() throws IOException {
    Files.createDirectories(dir.resolve("pl"));
    StringBuilder yaml = new StringBuilder("no_name: Państwo\n");
    for (Intent intent : Intent.values()) {
      yaml.append(intent.wire()).append(":\n  reply: \"Dzień dobry {name}.\"\n");
    }
    Files.writeString(dir.resolve("pl/reply-macros.yaml"), yaml);
    Files.writeString(dir.resolve("pl/intent-examples.yaml"), "billing:\n  - faktura\n");
    EmbeddedResources resources = new EmbeddedResources(dir);
    assertThat(resources.languageMacros(List.of("pl")).get("pl").reply(Intent.OTHER, null, null))
        .isEqualTo("Dzień dobry Państwo.");
    assertThatThrownBy(() -> resources.languageExamples(List.of("pl")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pl/intent-examples.yaml lacks the intents");
    // The built-in languages are still there.
    assertThat(resources.languageMacros(List.of("de"))).containsKey("de");
  }

  @Test
  void languageFilesNameOnlyTheVariableThatIsRead() throws IOException {
    for (String code : List.of("de", "fr", "es", "nl", "it", "pt")) {
      for (String name : List.of(EmbeddedResources.EXAMPLES, EmbeddedResources.MACROS)) {
        String text;
        try (InputStream in =
            EmbeddedResources.class.getResourceAsStream("/embedded/" + code + "/" + name)) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(Pattern.compile("AI_[A-Z_]+").matcher(text).results().map(MatchResult::group))
            .as(code + "/" + name)
            .containsOnly("AI_EMBEDDED_DIR");
      }
    }
  }
}
