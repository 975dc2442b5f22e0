package org.supportinbox.functions.analyze;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    Providers providers;
    try {
      providers = Providers.of(config);
    } catch (IllegalArgumentException e) {
      return fail(err, 2, e.getMessage());
    }
    String model;
    Insight insight;
    long latency;
    // One message typed in now, not a queued event: no wait, so AI_LLM_MAX_WAIT plays no part.
    if (providers.choose(null).route() == Providers.Route.OLLAMA) {
      try {
        OllamaAnalyzer.Analysis analysis =
            providers.ollama.analyse(
                PromptBuilder.analyse(name, List.of(), text), (generation, outcome) -> {});
        if (analysis.result() instanceof ParseResult.Accepted accepted) {
          model = providers.ollama.model();
          insight = accepted.insight();
          latency = analysis.latencyMs();
        } else if (providers.fallsBack()) {
          EmbeddedAnalyzer.Result r = providers.embedded.analyse(name, text);
          model = providers.embedded.model();
          insight = r.insight();
          latency = analysis.latencyMs() + r.latencyMs();
        } else {
          return fail(err, 1, "rejected: " + ((ParseResult.Rejected) analysis.result()).reason());
        }
      } catch (LlmUnavailableException e) {
        if (!providers.fallsBack()) {
          return fail(err, 1, "unavailable: " + e.reason() + ": " + e.getMessage());
        }
        EmbeddedAnalyzer.Result r = providers.embedded.analyse(name, text);
        model = providers.embedded.model();
        insight = r.insight();
        latency = r.latencyMs();
      }
    } else {
      EmbeddedAnalyzer.Result r = providers.embedded.analyse(name, text);
      model = providers.embedded.model();
      insight = r.insight();
      latency = r.latencyMs();
    }
    out.print(toJsonLine(insight, model, latency) + "\n");
    out.flush();
    return 0;
  }

  /** The insight as {@link ParseCommand} prints it, then {@code model} and {@code latency_ms}. */
  static String toJsonLine(Insight insight, String model, long latencyMs) {
    try {
      ObjectNode node = (ObjectNode) Json.MAPPER.readTree(ParseCommand.toJsonLine(insight));
      node.put("model", model);
      node.put("latency_ms", latencyMs);
      return Json.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings does not serialise", e);
    }
  }

  private static int fail(PrintStream err, int status, String message) {
    err.print((status == 2 ? "error: " : "") + message + "\n");
    err.flush();
    return status;
  }
}
