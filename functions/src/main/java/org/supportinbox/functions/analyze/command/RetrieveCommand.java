package org.supportinbox.functions.analyze.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.supportinbox.functions.analyze.embedded.QuantizedMiniLm;
import org.supportinbox.functions.analyze.language.LanguageDetection;
import org.supportinbox.functions.retrieval.HybridRetriever;
import org.supportinbox.functions.retrieval.MiniLmEmbedder;
import org.supportinbox.functions.retrieval.Passage;
import org.supportinbox.functions.retrieval.PassageChunker;
import org.supportinbox.functions.retrieval.QueryGlossary;
import org.supportinbox.functions.retrieval.ScoredPassage;

/**
 * {@code ./inbox retrieve --kb FILE.jsonl [--limit N] < message}: the best passages of the articles
 * in FILE ({@code ./inbox kb import}'s format: one {@code {id?, title, body, ...}} per line) for
 * the customer message on stdin, one JSON line each, best first: {@code article_id, ordinal, title,
 * score, cosine, text_score, text}. Every run chunks and embeds the whole file (about 5 ms per
 * passage). Exit 0; 2 on a usage or input error.
 */
public final class RetrieveCommand {

  static final String USAGE = "usage: ./inbox retrieve --kb FILE.jsonl [--limit N] < message";

  private static final ObjectMapper JSON = new ObjectMapper();

  private RetrieveCommand() {}

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(run(args, System.in, out, err));
  }

  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    Path kb = null;
    int limit = 3;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--kb") && i + 1 < args.length) {
        kb = Path.of(args[++i]);
      } else if (a.equals("--limit") && i + 1 < args.length) {
        try {
          limit = Integer.parseInt(args[++i]);
        } catch (NumberFormatException e) {
          limit = 0;
        }
        if (limit < 1 || limit > 100) {
          err.println("--limit must be a whole number from 1 to 100\n" + USAGE);
          return 2;
        }
      } else {
        err.println("unknown argument '" + a + "'\n" + USAGE);
        return 2;
      }
    }
    if (kb == null) {
      err.println(USAGE);
      return 2;
    }
    List<Passage> passages = new ArrayList<>();
    String message;
    try {
      PassageChunker chunker = new PassageChunker();
      for (KbFile.Article article : KbFile.read(kb)) {
        passages.addAll(chunker.passages(article.id(), article.title(), article.body()));
      }
      message = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("cannot read " + kb + ": " + e.getMessage());
      return 2;
    }
    if (message.isEmpty()) {
      err.println("no message on stdin\n" + USAGE);
      return 2;
    }
    HybridRetriever retriever =
        new HybridRetriever(new MiniLmEmbedder(new QuantizedMiniLm(1)), QueryGlossary.load(null));
    retriever.put(passages);
    // As the function does: the message's language detected (or, unsure, the likeliest one), its
    // glossary words added.
    LanguageDetection languages = LanguageDetection.shared();
    String language =
        languages.detectedOrLikeliest(languages.detect(message).orElse(null), message);
    for (ScoredPassage p : retriever.retrieve(message, language, limit)) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("article_id", p.passage().articleId());
      line.put("ordinal", p.passage().ordinal());
      line.put("title", p.passage().title());
      line.put("score", p.score());
      line.put("cosine", p.cosine());
      line.put("text_score", p.textScore());
      line.put("text", p.passage().text());
      try {
        out.println(JSON.writeValueAsString(line));
      } catch (IOException e) {
        throw new IllegalStateException("cannot write JSON", e);
      }
    }
    return 0;
  }
}
