package org.supportinbox.functions.analyze.command;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import org.supportinbox.functions.analyze.Analysis;
import org.supportinbox.functions.analyze.Analyzer;
import org.supportinbox.functions.analyze.AnalyzerChain;
import org.supportinbox.functions.analyze.Insight;
import org.supportinbox.functions.analyze.InsightJson;
import org.supportinbox.functions.analyze.language.LanguageDetection;
import org.supportinbox.functions.runtime.FunctionConfig;
import org.supportinbox.functions.runtime.Json;

/**
 * {@code ./inbox analyze [--provider auto|ollama|embedded] [--name NAME] [--lines] [FILE]}:
 * analyses the customer message on stdin (or in FILE) as the function would (no broker, no
 * messaging, no earlier messages; the language detected as the function detects it) and prints the
 * insight as one JSON line with {@code language}, {@code model} and {@code latency_ms}. Exit 0 with
 * the insight; 1 when there is none ({@code unavailable: <reason>} or {@code rejected: <reason>} on
 * stderr); 2 on a usage, configuration or input error. With {@code --lines}, every non-blank line
 * is a message of its own and gets its own JSON line, in order (a line without an insight gets
 * {@code {"error": ...}} and makes the exit status 1): the analyzer and the language models are
 * loaded once, so a set of messages is evaluated in seconds. The provider defaults to {@code
 * AI_PROVIDER}; the other settings are the function's ({@code OLLAMA_URL}, {@code OLLAMA_MODEL},
 * {@code AI_EMBEDDED_DIR}, {@code AI_TEAM_LANGUAGE}, ...).
 */
public final class AnalyzeCommand {

  static final String USAGE =
      "usage: ./inbox analyze [--provider auto|ollama|embedded] [--name CUSTOMER_NAME] [--lines]"
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
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
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
    AnalyzerChain chain;
    try {
      chain = AnalyzerChain.of(config);
    } catch (IllegalArgumentException e) {
      return fail(err, 2, e.getMessage());
    }
    LanguageDetection languages = LanguageDetection.shared();
    int status = 0;
    for (String message : messages) {
      String language = languages.detect(message).orElse(null);
      // One message typed in now, not a queued event: no wait, so AI_LLM_MAX_WAIT plays no part.
      AnalyzerChain.Result result =
          chain.analyse(Analyzer.Message.of(name, message).withLanguage(language), null);
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
      Insight insight = ((Analysis.Accepted) analysis).insight();
      out.print(
          toJson(new Line(InsightJson.of(insight), language, analysis.model(), result.latencyMs()))
              + "\n");
    }
    out.flush();
    return status;
  }

  /**
   * What the command prints: the fields of {@code ./inbox parse}, then the language (null when
   * unsure), the model and the time.
   */
  record Line(@JsonUnwrapped InsightJson insight, String language, String model, long latencyMs) {}

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
