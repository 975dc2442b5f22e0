package org.supportinbox.functions.analyze.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supportinbox.functions.runtime.Json;

/** {@code ./inbox analyze}; with Ollama, see ProviderSelectionIT. */
class AnalyzeCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>();

  private int run(String stdin, String... args) {
    return AnalyzeCommand.run(
        args,
        env,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** A port nothing listens on: bound, then released. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void embeddedPrintsTheInsightAsOneJsonLine() throws IOException {
    assertThat(
            run("I want to cancel my subscription.", "--provider", "embedded", "--name", "Li Wei"))
        .isEqualTo(0);
    assertThat(stdout()).endsWith("}\n").doesNotContain("\n{");
    JsonNode line = Json.MAPPER.readTree(stdout());
    assertThat(line.get("intent").asText()).isEqualTo("cancellation");
    assertThat(line.get("suggested_reply").asText()).startsWith("Hi Li, ");
    assertThat(line.get("model").asText()).isEqualTo("embedded:all-minilm-l6-v2-q");
    assertThat(line.get("latency_ms").asLong()).isNotNegative();
    assertThat(line.fieldNames())
        .toIterable()
        .containsExactly(
            "intent",
            "summary",
            "suggested_reply",
            "sentiment",
            "urgency",
            "conversation_summary",
            "language",
            "reply_basis",
            "sources",
            "model",
            "latency_ms");
    // Without a knowledge base, the reply is the intent's macro and has no source.
    assertThat(line.get("reply_basis").asText()).isEqualTo("macro");
    assertThat(line.get("sources")).isEmpty();
    // Six words are too few for the detector to be sure of English: no guess is printed.
    assertThat(line.get("language").isNull()).isTrue();
  }

  @Test
  void linesAnalysesEachLineOnItsOwnWithItsLanguage() throws IOException {
    assertThat(
            run(
                "Ich möchte mein Abo kündigen, bitte bestätigen Sie das.\n\n"
                    + "Je n'arrive plus à me connecter à mon compte.\n"
                    + "ok\n",
                "--provider",
                "embedded",
                "--lines"))
        .isEqualTo(0);
    String[] lines = stdout().split("\n");
    assertThat(lines).hasSize(3);
    JsonNode german = Json.MAPPER.readTree(lines[0]);
    assertThat(german.get("language").asText()).isEqualTo("de");
    assertThat(german.get("intent").asText()).isEqualTo("cancellation");
    assertThat(german.get("suggested_reply").asText()).startsWith("Hallo zusammen, ");
    JsonNode french = Json.MAPPER.readTree(lines[1]);
    assertThat(french.get("language").asText()).isEqualTo("fr");
    assertThat(french.get("intent").asText()).isEqualTo("account_access");
    // Too short to tell: null, and the English macros.
    JsonNode shortLine = Json.MAPPER.readTree(lines[2]);
    assertThat(shortLine.get("language").isNull()).isTrue();
    assertThat(shortLine.get("suggested_reply").asText()).startsWith("Hi there, ");
  }

  @Test
  void kbGroundsTheReplyInTheFilesBestArticleAndNamesIt() throws IOException {
    java.nio.file.Path kb = java.nio.file.Files.createTempFile("kb", ".jsonl");
    try {
      java.nio.file.Files.writeString(
          kb,
          "{\"id\":\"returns\",\"title\":\"Returning an item\",\"language\":\"en\",\"body\":"
              + "\"You can return an item within 14 days of delivery. Print the return label from"
              + " your account page and drop the parcel at any post office.\"}\n"
              + "{\"title\":\"Changing your password\",\"body\":\"Open Settings, then Security,"
              + " and choose a new password.\"}\n");
      assertThat(
              run(
                  "How many days do I have to return an item after delivery?",
                  "--provider",
                  "embedded",
                  "--name",
                  "Ada Lovelace",
                  "--kb",
                  kb.toString()))
          .isEqualTo(0);
      JsonNode line = Json.MAPPER.readTree(stdout());
      assertThat(line.get("reply_basis").asText()).isEqualTo("knowledge");
      assertThat(line.get("suggested_reply").asText())
          .startsWith("Hi Ada,\n\n")
          .contains("within 14 days of delivery");
      assertThat(line.get("sources")).hasSize(1);
      JsonNode source = line.get("sources").get(0);
      assertThat(source.get("kind").asText()).isEqualTo("article");
      assertThat(source.get("title").asText()).isEqualTo("Returning an item");
      assertThat(source.get("score").asDouble()).isBetween(0.55, 1.0);
    } finally {
      java.nio.file.Files.delete(kb);
    }
  }

  @Test
  void aKbFileThatIsNoArticleListIsAUsageError() throws IOException {
    java.nio.file.Path kb = java.nio.file.Files.createTempFile("kb", ".jsonl");
    try {
      java.nio.file.Files.writeString(kb, "{\"title\":\"No body\"}\n");
      assertThat(run("hi", "--provider", "embedded", "--kb", kb.toString())).isEqualTo(2);
      assertThat(stderr()).contains(":1: need an object with a title and a body");
    } finally {
      java.nio.file.Files.delete(kb);
    }
  }

  @Test
  void aFileNamedOnTheCommandLineIsRead() throws IOException {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("messages", ".txt");
    try {
      java.nio.file.Files.writeString(
          file, "Where is my parcel?\nMi pedido no ha llegado todavía, ¿dónde está?\n");
      assertThat(run("", "--provider", "embedded", "--lines", file.toString())).isEqualTo(0);
      assertThat(stdout().split("\n")).hasSize(2);
      assertThat(Json.MAPPER.readTree(stdout().split("\n")[1]).get("intent").asText())
          .isEqualTo("order_status");
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void autoWithoutOllamaUsesTheEmbeddedProvider() throws IOException {
    env.put("OLLAMA_URL", "http://127.0.0.1:" + closedPort());
    assertThat(run("My package never arrived.")).isEqualTo(0);
    assertThat(Json.MAPPER.readTree(stdout()).get("model").asText())
        .isEqualTo("embedded:all-minilm-l6-v2-q");
  }

  @Test
  void ollamaWithoutOllamaIsUnavailable() throws IOException {
    env.put("OLLAMA_URL", "http://127.0.0.1:" + closedPort());
    assertThat(run("My package never arrived.", "--provider=ollama")).isEqualTo(1);
    assertThat(stdout()).isEmpty();
    assertThat(stderr()).contains("unavailable: ollama_unreachable: ");
  }

  @Test
  void usageErrorsExit2() {
    assertThat(run("hi", "--provider", "gpt")).isEqualTo(2);
    assertThat(stderr()).contains("AI_PROVIDER must be one of [auto, ollama, embedded]");
    err.reset();
    assertThat(run("hi", "--verbose")).isEqualTo(2);
    assertThat(stderr()).contains("unknown argument '--verbose'").contains("usage:");
    err.reset();
    assertThat(run(" \n", "--provider", "embedded")).isEqualTo(2);
    assertThat(stderr()).startsWith("error: no message on stdin");
    assertThat(stdout()).isEmpty();
  }

  @Test
  void brokerAndMessagingSettingsAreNotNeeded() {
    // No AI_FUNCTION_SECRET, no RABBITMQ_PASSWORD in env: the function would refuse to start.
    assertThat(run("Thanks a lot!", "--provider", "embedded")).isEqualTo(0);
  }
}
