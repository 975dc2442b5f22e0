package org.supportinbox.functions.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The retrieval evaluation set in {@code src/test/resources/retrieval/}: {@code kb.jsonl}, 26
 * support articles of a web shop in the format of {@code ./inbox kb import}; {@code queries.jsonl},
 * customer messages in en, de, fr and es, each with the id of the article that answers it. Written
 * for evaluation only: nothing in the retriever was tuned on it.
 */
final class EvaluationSet {

  record Article(String id, String title, String body) {}

  record Query(String text, String language, String expected) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private EvaluationSet() {}

  static List<Article> articles() {
    List<Article> out = new ArrayList<>();
    for (JsonNode n : lines("kb.jsonl")) {
      out.add(new Article(n.get("id").asText(), n.get("title").asText(), n.get("body").asText()));
    }
    return out;
  }

  static List<Query> queries() {
    return queries("queries.jsonl");
  }

  /**
   * The development set, {@code dev-queries.jsonl}: other messages for the same articles, written
   * before any tuning and used for it (the glossaries, the fusion), so that {@link #queries()}
   * stays an evaluation of what was not seen.
   */
  static List<Query> devQueries() {
    return queries("dev-queries.jsonl");
  }

  private static List<Query> queries(String file) {
    List<Query> out = new ArrayList<>();
    for (JsonNode n : lines(file)) {
      out.add(
          new Query(
              n.get("query").asText(), n.get("language").asText(), n.get("expected").asText()));
    }
    return out;
  }

  static List<Passage> passages(PassageChunker chunker) {
    List<Passage> out = new ArrayList<>();
    for (Article a : articles()) {
      out.addAll(chunker.passages(a.id(), a.title(), a.body()));
    }
    return out;
  }

  private static List<JsonNode> lines(String name) {
    InputStream in = EvaluationSet.class.getResourceAsStream("/retrieval/" + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource retrieval/" + name);
    }
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
