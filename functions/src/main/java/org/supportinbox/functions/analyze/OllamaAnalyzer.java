package org.supportinbox.functions.analyze;

import io.github.ollama4j.Ollama;
import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.generate.OllamaGenerateRequest;
import io.github.ollama4j.models.response.Model;
import io.github.ollama4j.models.response.OllamaResult;
import io.github.ollama4j.utils.OptionsBuilder;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * One completion from Ollama through ollama4j's {@code /api/generate}: the analysis prompt with
 * Ollama's structured outputs ({@code format} = the insight's JSON schema), temperature 0 so the
 * same message gets the same answer, a {@code num_predict} cap so a rambling model cannot run for
 * minutes, {@code keep_alive} so the model stays loaded between messages, and a request timeout.
 */
final class OllamaAnalyzer {

  private static final Logger LOG = Logger.getLogger(OllamaAnalyzer.class.getName());

  /** The model's text and how long the request took. */
  record Generation(String text, long latencyMs) {}

  /** The parsed outcome of the analysis (after the repair if one was needed), and its time. */
  record Analysis(ParseResult result, long latencyMs) {}

  /** Sees each request with its outcome ({@code ok} or {@code invalid_output}), for metrics. */
  interface Observer {
    void observe(Generation generation, String outcome);
  }

  private final Ollama ollama;
  private final String model;
  private final int numPredict;
  private final String keepAlive;

  OllamaAnalyzer(String url, String model, Duration timeout, int numPredict, String keepAlive) {
    this.ollama = new Ollama(url);
    this.ollama.setRequestTimeoutSeconds(Math.max(1, timeout.toSeconds()));
    this.model = model;
    this.numPredict = numPredict;
    this.keepAlive = keepAlive;
  }

  String model() {
    return model;
  }

  /**
   * Asks for the insight of {@code prompt} and parses it; when the output is rejected, asks
   * <b>once</b> for a repair, showing the model its output, the reason and the schema.
   */
  Analysis analyse(Prompt prompt, Observer observer) throws LlmUnavailableException {
    Generation first = generate(prompt);
    ParseResult result = InsightParser.parse(first.text());
    if (result instanceof ParseResult.Accepted) {
      observer.observe(first, "ok");
      return new Analysis(result, first.latencyMs());
    }
    observer.observe(first, "invalid_output");
    String reason = ((ParseResult.Rejected) result).reason();
    LOG.info(() -> "model output rejected (" + reason + "); asking for a repair");
    Generation repair = generate(PromptBuilder.repair(prompt, first.text(), reason));
    result = InsightParser.parse(repair.text());
    observer.observe(repair, result instanceof ParseResult.Accepted ? "ok" : "invalid_output");
    return new Analysis(result, first.latencyMs() + repair.latencyMs());
  }

  Generation generate(Prompt prompt) throws LlmUnavailableException {
    OllamaGenerateRequest request =
        OllamaGenerateRequest.builder()
            .withModel(model)
            .withSystem(prompt.system())
            .withPrompt(prompt.user())
            .withFormat(InsightSchema.jsonSchema())
            .withOptions(new OptionsBuilder().setTemperature(0f).setNumPredict(numPredict).build())
            .withKeepAlive(keepAlive)
            .withStreaming(false)
            .build();
    long start = System.nanoTime();
    try {
      OllamaResult result = ollama.generate(request, null);
      return new Generation(
          result.getResponse() == null ? "" : result.getResponse(),
          (System.nanoTime() - start) / 1_000_000);
    } catch (OllamaException e) {
      throw classify(e);
    } catch (RuntimeException e) {
      throw new LlmUnavailableException("ollama_error", "ollama4j failed: " + e, e);
    }
  }

  /**
   * ollama4j reports every failure as {@link OllamaException}; the cause chain and a look at the
   * model list tell which one it was.
   */
  private LlmUnavailableException classify(OllamaException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        return new LlmUnavailableException(
            "ollama_unreachable", "cannot connect to Ollama: " + c, e);
      }
      if (c instanceof HttpTimeoutException) {
        return new LlmUnavailableException(
            "ollama_timeout", "Ollama did not answer in time: " + c.getMessage(), e);
      }
    }
    if (!modelIsPulled()) {
      return new LlmUnavailableException(
          "model_missing",
          "model " + model + " is not pulled on the Ollama server (ollama pull " + model + ")",
          e);
    }
    return new LlmUnavailableException("ollama_error", "Ollama failed: " + e.getMessage(), e);
  }

  private boolean modelIsPulled() {
    try {
      List<Model> models = ollama.listModels();
      // "phi3" names "phi3:latest", as in the Ollama CLI.
      String full = model.contains(":") ? model : model + ":latest";
      return models.stream().anyMatch(m -> full.equals(m.getName()) || full.equals(m.getModel()));
    } catch (OllamaException | RuntimeException e) {
      return true; // cannot tell; report the original failure instead
    }
  }
}
