package org.supportinbox.functions.analyze.ollama;

import io.github.ollama4j.Ollama;
import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.generate.OllamaGenerateRequest;
import io.github.ollama4j.models.response.Model;
import io.github.ollama4j.models.response.OllamaResult;
import io.github.ollama4j.utils.OptionsBuilder;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.supportinbox.contracts.ReplyBasis;
import org.supportinbox.contracts.Sender;
import org.supportinbox.functions.analyze.Analysis;
import org.supportinbox.functions.analyze.Analysis.ModelRequest;
import org.supportinbox.functions.analyze.Analyzer;
import org.supportinbox.functions.analyze.ContextMessage;
import org.supportinbox.functions.analyze.Figures;
import org.supportinbox.functions.analyze.InsightParser;
import org.supportinbox.functions.analyze.KnowledgePassage;
import org.supportinbox.functions.analyze.ParseResult;

/**
 * The Ollama analyzer: the insight of a message from a local LLM, through ollama4j's {@code
 * /api/generate}: the analysis prompt ({@link PromptBuilder}) with Ollama's structured outputs
 * ({@code format} = the insight's JSON schema), temperature 0 so the same message gets the same
 * answer, a {@code num_predict} cap so a rambling model cannot run for minutes, {@code keep_alive}
 * so the model stays loaded between messages, and a request timeout. Output that {@link
 * InsightParser} rejects, or whose suggested reply states a figure found in no knowledge-base
 * passage and no customer message ({@link #grounded}), gets <b>one</b> repair request.
 */
public final class OllamaAnalyzer implements Analyzer {

  private static final Logger LOG = Logger.getLogger(OllamaAnalyzer.class.getName());

  /** The model's text and how long the request took. */
  record Generation(String text, long latencyMs) {}

  private final Ollama ollama;
  private final String url;
  private final String model;
  private final int numPredict;
  private final String keepAlive;
  private final String teamLanguage;

  /** {@code teamLanguage}: ISO 639-1 code of the language summaries are written in. */
  public OllamaAnalyzer(
      String url,
      String model,
      Duration timeout,
      int numPredict,
      String keepAlive,
      String teamLanguage) {
    this.ollama = new Ollama(url);
    this.ollama.setRequestTimeoutSeconds(Math.max(1, timeout.toSeconds()));
    this.url = url;
    this.model = model;
    this.numPredict = numPredict;
    this.keepAlive = keepAlive;
    this.teamLanguage = teamLanguage;
  }

  @Override
  public String model() {
    return model;
  }

  /**
   * Asks for the insight of {@code message} and parses it; when the output is rejected, asks
   * <b>once</b> for a repair, showing the model its output, the reason and the schema. Each request
   * is in the analysis with its outcome ({@code ok}, {@code invalid_output}, or the failure reason
   * and 0 ms).
   */
  @Override
  public Analysis analyse(Message message) {
    Prompt prompt = PromptBuilder.analyse(message, teamLanguage);
    List<ModelRequest> requests = new ArrayList<>();
    try {
      Generation first = generate(prompt);
      ParseResult result = grounded(InsightParser.parse(first.text()), message);
      if (result instanceof ParseResult.Accepted accepted) {
        requests.add(new ModelRequest("ok", first.latencyMs()));
        return accepted(accepted, message, first.latencyMs(), requests);
      }
      requests.add(new ModelRequest("invalid_output", first.latencyMs()));
      String reason = ((ParseResult.Rejected) result).reason();
      LOG.info(() -> "model output rejected (" + reason + "); asking for a repair");
      Generation repair = generate(PromptBuilder.repair(prompt, first.text(), reason));
      result = grounded(InsightParser.parse(repair.text()), message);
      long latencyMs = first.latencyMs() + repair.latencyMs();
      if (result instanceof ParseResult.Accepted accepted) {
        requests.add(new ModelRequest("ok", repair.latencyMs()));
        return accepted(accepted, message, latencyMs, requests);
      }
      requests.add(new ModelRequest("invalid_output", repair.latencyMs()));
      return new Analysis.Rejected(
          Analysis.Provider.OLLAMA,
          model,
          ((ParseResult.Rejected) result).reason(),
          latencyMs,
          requests);
    } catch (LlmUnavailableException e) {
      requests.add(new ModelRequest(e.reason(), 0));
      return new Analysis.Failed(
          Analysis.Provider.OLLAMA, model, e.reason(), e.getMessage(), 0, requests);
    }
  }

  /**
   * {@code parsed}, unless its suggested reply states a figure (a number) that no passage given
   * holds, no operator said before, and that is not an identifier the customer gave (a number of 3
   * digits or more, or with a separator: an order number, an amount charged): then it is rejected
   * like malformed output, so the model gets one repair request with the reason
   * (docs/ai.md#grounded-suggestions). A time limit or a rate the customer claims ("60 days") is no
   * backing: that is the conflicting policy a reply must not repeat as the team's.
   */
  static ParseResult grounded(ParseResult parsed, Message message) {
    if (!(parsed instanceof ParseResult.Accepted accepted)) {
      return parsed;
    }
    // Policies come from the passages and from what operators said before; from the customer only
    // identifiers (an order number, an amount charged), never a time limit or a rate they claim.
    List<String> backing = new ArrayList<>();
    List<String> customer = new ArrayList<>();
    customer.add(message.content());
    customer.add(message.senderName());
    for (ContextMessage m : message.previous()) {
      if (Sender.OPERATOR.wire().equals(m.sender())) {
        backing.add(m.content());
      } else {
        customer.add(m.content());
      }
    }
    backing.addAll(Figures.identifiers(customer));
    for (KnowledgePassage p : message.knowledge()) {
      backing.add(p.title());
      backing.add(p.text());
    }
    List<String> invented = Figures.unsupported(accepted.insight().suggestedReply(), backing);
    if (invented.isEmpty()) {
      return parsed;
    }
    return new ParseResult.Rejected(
        "suggested_reply states "
            + String.join(", ", invented.subList(0, Math.min(5, invented.size())))
            + ", which no knowledge-base passage contains: state no figure that is not in them");
  }

  /** The reply is grounded in the passages given, when there were any. */
  private Analysis accepted(
      ParseResult.Accepted accepted, Message message, long latencyMs, List<ModelRequest> requests) {
    List<KnowledgePassage> given = PromptBuilder.shown(message.knowledge());
    return new Analysis.Accepted(
        Analysis.Provider.OLLAMA,
        model,
        accepted.insight(),
        latencyMs,
        requests,
        given,
        given.isEmpty() ? ReplyBasis.MODEL : ReplyBasis.KNOWLEDGE);
  }

  /** The model and where it is served, for the start-up log line. */
  @Override
  public String toString() {
    return model + " at " + url;
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
