package org.supportinbox.functions.analyze.command;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.supportinbox.functions.analyze.Analysis;
import org.supportinbox.functions.analyze.AnalyzeFunction;
import org.supportinbox.functions.analyze.Analyzer;
import org.supportinbox.functions.analyze.AnalyzerChain;
import org.supportinbox.functions.analyze.Insight;
import org.supportinbox.functions.analyze.InsightJson;
import org.supportinbox.functions.analyze.Knowledge;
import org.supportinbox.functions.analyze.embedded.EmbeddedAnalyzer;
import org.supportinbox.functions.analyze.embedded.QuantizedMiniLm;
import org.supportinbox.functions.analyze.language.LanguageDetection;
import org.supportinbox.functions.knowledge.KnowledgeIndex;
import org.supportinbox.functions.knowledge.LazyEmbedder;
import org.supportinbox.functions.retrieval.PassageChunker;
import org.supportinbox.functions.runtime.FunctionConfig;
import org.supportinbox.functions.runtime.Json;

/**
 * {@code ./inbox analyze [--provider auto|ollama|embedded] [--name NAME] [--kb FILE.jsonl]
 * [--lines] [FILE]}: analyses the customer message on stdin (or in FILE) as the function would (no
 * broker, no messaging, no earlier messages; the language detected as the function detects it; with
 * {@code --kb}, the articles of that file in the import format as the knowledge base) and prints
 * the insight as one JSON line with {@code language}, {@code reply_basis}, {@code sources}, {@code
 * model} and {@code latency_ms}. Exit 0 with the insight; 1 when there is none ({@code unavailable:
 * <reason>} or {@code rejected: <reason>} on stderr); 2 on a usage, configuration or input error.
 * With {@code --lines}, every non-blank line is a message of its own and gets its own JSON line, in
 * order (a line without an insight gets {@code {"error": ...}} and makes the exit status 1): the
 * analyzer and the language models are loaded once, so a set of messages is evaluated in seconds.
 * The provider defaults to {@code AI_PROVIDER}; the other settings are the function's ({@code
 * OLLAMA_URL}, {@code OLLAMA_MODEL}, {@code AI_EMBEDDED_DIR}, {@code AI_TEAM_LANGUAGE}, ...).
 */
public final class AnalyzeCommand {

  static final String USAGE =
      "usage: ./inbox analyze [--provider auto|ollama|embedded] [--name CUSTOMER_NAME]"
          + " [--kb FILE.jsonl] [--lines]"
          + " [FILE] < message";

  private AnalyzeCommand() {}

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(run(args, System.getenv(), System.in, out, err));
  }

  static int run(
      String[] args,
      Map<String, String> environment,
      InputStream in,
      PrintStream out,
      PrintStream err) {
    Map<String, String> env = new HashMap<>(environment);
    String name = null;
    boolean lines = false;
    Path file = null;
    Path kb = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--kb") && i + 1 < args.length) {
        kb = Path.of(args[++i]);
        continue;
      }
      if (a.startsWith("--kb=")) {
        kb = Path.of(a.substring("--kb=".length()));
        continue;
      }
      if ((a.equals("--provider") || a.equals("--name")) && i + 1 < args.length) {
        if (a.equals("--provider")) {
          env.put("AI_PROVIDER", args[++i]);
        } else {
          name = args[++i];
        }
      } else if (a.startsWith("--provider=")) {
        env.put("AI_PROVIDER", a.substring("--provider=".length()));
      } else if (a.startsWith("--name=")) {
        name = a.substring("--name=".length());
      } else if (a.equals("--lines")) {
        lines = true;
      } else if (!a.startsWith("-") && file == null) {
        file = Path.of(a);
      } else {
        return fail(err, 2, "unknown argument '" + a + "'\n" + USAGE);
      }
    }
    FunctionConfig config = new FunctionConfig(env);
    // The broker and messaging settings, and the function's key, are the function's business, not
    // this command's.
    List<String> problems =
        config.problems().stream()
            .filter(p -> p.startsWith("AI_") || p.startsWith("OLLAMA_"))
            .filter(p -> !p.startsWith("AI_FUNCTION_SECRET"))
            .toList();
    if (!problems.isEmpty()) {
      return fail(err, 2, String.join("; ", problems));
    }
    String text;
    try {
      text =
          file == null
              ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
              : Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return fail(err, 2, "cannot read " + (file == null ? "stdin" : file) + ": " + e.getMessage());
    }
    List<String> messages = lines ? text.lines().filter(l -> !l.isBlank()).toList() : List.of(text);
    if (messages.isEmpty() || text.isBlank()) {
      return fail(err, 2, "no message on " + (file == null ? "stdin" : file) + "\n" + USAGE);
    }
    Supplier<EmbeddingModel> model = memoized(() -> new QuantizedMiniLm(1));
    Knowledge knowledge = Knowledge.NONE;
    if (kb != null) {
      try {
        knowledge = knowledge(kb, model);
      } catch (IllegalArgumentException e) {
        return fail(err, 2, e.getMessage());
      } catch (IOException e) {
        return fail(err, 2, "cannot read " + kb + ": " + e.getMessage());
      }
    }
    AnalyzerChain chain;
    try {
      chain =
          AnalyzerChain.of(
              config,
              config.aiProvider.equals("ollama")
                  ? null
                  : EmbeddedAnalyzer.load(config.embeddedDir, model.get()));
    } catch (IllegalArgumentException e) {
      return fail(err, 2, e.getMessage());
    }
    LanguageDetection languages = LanguageDetection.shared();
    int status = 0;
    for (String message : messages) {
      // As the function does: the language detected (null when unsure), and the one to read the
      // message with (when unsure, the likeliest).
      String language = languages.detect(message).orElse(null);
      String readingLanguage = languages.detectedOrLikeliest(language, message);
      // One message typed in now, not a queued event: no wait, so AI_LLM_MAX_WAIT plays no part.
      AnalyzerChain.Result result =
          chain.analyse(
              Analyzer.Message.of(name, message)
                  .withLanguage(language, readingLanguage)
                  .withKnowledge(knowledge.find(message, readingLanguage)),
              null);
      Analysis analysis = result.analysis();
      String problem =
          analysis instanceof Analysis.Rejected rejected
              ? "rejected: " + rejected.reason()
              : analysis instanceof Analysis.Failed failed
                  ? "unavailable: " + failed.reason() + ": " + failed.detail()
                  : null;
      if (problem != null) {
        if (!lines) {
          return fail(err, 1, problem);
        }
        out.print(toJson(Map.of("error", problem)) + "\n");
        status = 1;
        continue;
      }
      Analysis.Accepted accepted = (Analysis.Accepted) analysis;
      Insight insight = accepted.insight();
      List<Source> sources =
          AnalyzeFunction.sources(accepted.sources()).stream()
              .map(p -> new Source(p.kind(), p.id().toString(), p.title(), p.score()))
              .toList();
      out.print(
          toJson(
                  new Line(
                      InsightJson.of(insight),
                      language,
                      accepted.basis() == null ? null : accepted.basis().wire(),
                      sources,
                      analysis.model(),
                      result.latencyMs()))
              + "\n");
    }
    out.flush();
    return status;
  }

  /**
   * What the command prints: the fields of {@code ./inbox parse}, then the language (null when
   * unsure), the model and the time.
   */
  record Line(
      @JsonUnwrapped InsightJson insight,
      String language,
      String replyBasis,
      List<Source> sources,
      String model,
      long latencyMs) {}

  /** A source as the command prints it: the article's id as in the file. */
  record Source(String kind, String id, String title, double score) {}

  /** The articles of {@code kb}, cut into passages and embedded, as the function's index does. */
  private static Knowledge knowledge(Path kb, Supplier<EmbeddingModel> model) throws IOException {
    KnowledgeIndex index = new KnowledgeIndex(null, new LazyEmbedder(model));
    PassageChunker chunker = new PassageChunker();
    for (KbFile.Article article : KbFile.read(kb)) {
      String id = article.uuid().toString();
      index.put(
          article.uuid(),
          article.title(),
          article.language(),
          chunker.passages(id, article.title(), article.body()));
    }
    return index;
  }

  private static <T> Supplier<T> memoized(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }

  private static String toJson(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a record of strings does not serialise", e);
    }
  }

  private static int fail(PrintStream err, int status, String message) {
    err.print((status == 2 ? "error: " : "") + message + "\n");
    err.flush();
    return status;
  }
}
