package org.supportinbox.functions.analyze.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A knowledge-base file in the import format ({@code ./inbox kb import}): one {@code {id?, title,
 * body, tags?, language?}} per line, blank lines skipped. What {@code ./inbox retrieve --kb} and
 * {@code ./inbox analyze --kb} read instead of the running system's index.
 */
final class KbFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One article of the file. {@code id} is the line's {@code id}, or {@code line-N} without one;
   * {@link #uuid} is it as a UUID (a name-based one when it is none).
   */
  record Article(String id, String title, String body, String language) {
    UUID uuid() {
      try {
        return UUID.fromString(id);
      } catch (IllegalArgumentException e) {
        return UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private KbFile() {}

  /**
   * The articles of {@code file}; {@link IllegalArgumentException} naming the line when one is no
   * object with a title and a body.
   */
  static List<Article> read(Path file) throws IOException {
    List<Article> articles = new ArrayList<>();
    int lineNumber = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode article;
      try {
        article = JSON.readTree(line);
      } catch (IOException e) {
        throw new IllegalArgumentException(file + ":" + lineNumber + ": not JSON");
      }
      if (!article.isObject()
          || !article.path("title").isTextual()
          || !article.path("body").isTextual()) {
        throw new IllegalArgumentException(
            file + ":" + lineNumber + ": need an object with a title and a body");
      }
      String id =
          article.path("id").isTextual() ? article.get("id").asText() : "line-" + lineNumber;
      String language =
          article.path("language").isTextual() ? article.get("language").asText() : null;
      articles.add(
          new Article(id, article.get("title").asText(), article.get("body").asText(), language));
    }
    return articles;
  }
}
