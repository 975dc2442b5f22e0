package org.supportinbox.functions.analyze.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrieveCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String stdin, String... args) {
    return RetrieveCommand.run(
        args,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String evaluationKb() throws URISyntaxException {
    return Path.of(RetrieveCommandTest.class.getResource("/retrieval/kb.jsonl").toURI()).toString();
  }

  @Test
  void printsTheBestPassagesAsJsonLines() throws Exception {
    int code =
        run("my card keeps getting rejected at checkout", "--kb", evaluationKb(), "--limit", "3");
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(new ObjectMapper().readTree(line));
    }
    assertThat(lines).hasSize(3);
    assertThat(lines).extracting(l -> l.get("title").asText()).contains("My payment was declined");
    assertThat(lines.get(0).get("score").asDouble())
        .isGreaterThanOrEqualTo(lines.get(1).get("score").asDouble());
    assertThat(lines.get(0).fieldNames())
        .toIterable()
        .containsExactly("article_id", "ordinal", "title", "score", "cosine", "text_score", "text");
  }

  @Test
  void usageAndInputErrorsAreExitTwo(@TempDir Path dir) throws Exception {
    assertThat(run("hello")).isEqualTo(2);
    assertThat(run("hello", "--kb", dir.resolve("missing.jsonl").toString())).isEqualTo(2);
    assertThat(run("hello", "--kb", evaluationKb(), "--limit", "0")).isEqualTo(2);
    assertThat(run("   ", "--kb", evaluationKb())).isEqualTo(2);
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"title\": \"no body\"}\n");
    assertThat(run("hello", "--kb", bad.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("bad.jsonl:1: need an object with a title and a body");
    assertThat(out.size()).isZero();
  }
}
