package org.supportinbox.functions.analyze.command;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.supportinbox.functions.analyze.Analysis;
import org.supportinbox.functions.analyze.Analyzer;
import org.supportinbox.functions.analyze.AnalyzerChain;
import org.supportinbox.functions.analyze.Insight;
import org.supportinbox.functions.analyze.InsightJson;
import org.supportinbox.functions.runtime.FunctionConfig;
import org.supportinbox.functions.runtime.Json;

/**
 * {@code ./inbox analyze [--provider auto|ollama|embedded] [--name NAME]}: analyses the customer
 * message on stdin as the function would (no broker, no messaging, no earlier messages) and prints
 * the insight as one JSON line with {@code model} and {@code latency_ms}. Exit 0 with the insight;
 * 1 when there is none ({@code unavailable: <reason>} or {@code rejected: <reason>} on stderr); 2
 * on a usage, configuration or input error. The provider defaults to {@code AI_PROVIDER}; the other
 * settings are the function's ({@code OLLAMA_URL}, {@code OLLAMA_MODEL}, {@code AI_EMBEDDED_DIR},
 * ...).
 */
public final class AnalyzeCommand {

  static final String USAGE =
      "usage: ./inbox analyze [--provider auto|ollama|embedded] [--name CUSTOMER_NAME] < message";

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
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return fail(err, 2, "cannot read stdin: " + e.getMessage());
    }
    if (text.isBlank()) {
      return fail(err, 2, "no message on stdin\n" + USAGE);
    }
    AnalyzerChain chain;
    try {
      chain = AnalyzerChain.of(config);
    } catch (IllegalArgumentException e) {
      return fail(err, 2, e.getMessage());
    }
    // One message typed in now, not a queued event: no wait, so AI_LLM_MAX_WAIT plays no part.
    AnalyzerChain.Result result = chain.analyse(Analyzer.Message.of(name, text), null);
    Analysis analysis = result.analysis();
    if (analysis instanceof Analysis.Rejected rejected) {
      return fail(err, 1, "rejected: " + rejected.reason());
    }
    if (analysis instanceof Analysis.Failed failed) {
      return fail(err, 1, "unavailable: " + failed.reason() + ": " + failed.detail());
    }
    Insight insight = ((Analysis.Accepted) analysis).insight();
    out.print(
        new Line(InsightJson.of(insight), analysis.model(), result.latencyMs()).toJson() + "\n");
    out.flush();
    return 0;
  }

  /** What the command prints: the fields of {@code ./inbox parse}, then the model and the time. */
  record Line(@JsonUnwrapped InsightJson insight, String model, long latencyMs) {

    String toJson() {
      try {
        return Json.MAPPER.writeValueAsString(this);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a record of strings does not serialise", e);
      }
    }
  }

  private static int fail(PrintStream err, int status, String message) {
    err.print((status == 2 ? "error: " : "") + message + "\n");
    err.flush();
    return status;
  }
}
