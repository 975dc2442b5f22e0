package org.supportinbox.functions.analyze;

import java.util.logging.Logger;
import org.supportinbox.contracts.rest.AiInsightView;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.functions.analyze.Analysis.ModelRequest;
import org.supportinbox.functions.runtime.FunctionMetrics;

/**
 * What the analyze function tells its operators about an event, in one place: its INFO lines (one
 * per outcome, with {@code message_id} and {@code event_id} to join with messaging's log) and its
 * metrics (functions/README.md, "Health and metrics"). The outcome counters of every function
 * ({@code ai_events_processed_total}, {@code ai_events_failed_total}, ...) are the runtime's.
 */
final class AnalyzeTelemetry {

  // The function's logger: its lines read as they always have ("... AnalyzeFunction insight ...").
  private static final Logger LOG = Logger.getLogger(AnalyzeFunction.class.getName());

  private final FunctionMetrics metrics;

  /** Where an analysis's context came from: {@code event} or {@code messaging} (the GET). */
  private final io.prometheus.metrics.core.metrics.Counter contexts;

  AnalyzeTelemetry(FunctionMetrics metrics) {
    this.metrics = metrics;
    this.contexts =
        metrics.counter(
            "ai_context_source_total",
            "Events whose message and context were read from the event or from messaging",
            "source");
  }

  /** The message and its context were read from the event ({@code true}) or from messaging. */
  void context(boolean fromEvent) {
    contexts.labelValues(fromEvent ? "event" : "messaging").inc();
  }

  /** The message already has a terminal insight: a redelivery, published again. */
  void republishing(AnalysisRequest request, MessageView message, AiInsightView stored) {
    LOG.info(
        () ->
            "already "
                + stored.status()
                + " message_id="
                + message.id()
                + " event_id="
                + request.eventId()
                + ": publishing ai.completed again, no model call");
  }

  /**
   * What the chain did for a message: each model request and embedded analysis timed, and why the
   * embedded analyzer answered instead of Ollama (the budget, the probe, a failed call, rejected
   * output) counted and logged.
   */
  void analysed(AnalysisRequest request, MessageView message, AnalyzerChain.Result result) {
    for (Analysis analysis : result.analyses()) {
      for (ModelRequest r : analysis.requests()) {
        metrics.llmLatency.labelValues(r.outcome()).observe(r.latencyMs() / 1000.0);
      }
      if (analysis.provider() == Analysis.Provider.EMBEDDED) {
        metrics.embeddedLatency.observe(analysis.latencyMs() / 1000.0);
      }
    }
    if (result.choice().route() == AnalyzerChain.Route.EMBEDDED_OVER_BUDGET) {
      metrics.budgetFallbacks.inc();
      LOG.info(
          () ->
              "over the LLM budget message_id="
                  + message.id()
                  + " event_id="
                  + request.eventId()
                  + " waited_ms="
                  + result.choice().waited().toMillis()
                  + ": the embedded provider analyses it, Ollama is not asked");
    }
    result.fallbackReason().ifPresent(reason -> metrics.fallbacks.labelValues(reason).inc());
    if (result.analyses().size() > 1) {
      Analysis ollama = result.analyses().get(0);
      if (ollama instanceof Analysis.Failed failed) {
        LOG.info(
            () ->
                "Ollama failed message_id="
                    + message.id()
                    + " ("
                    + failed.reason()
                    + "): the embedded provider analyses it");
      } else {
        LOG.info(
            () ->
                "Ollama's output rejected twice message_id="
                    + message.id()
                    + ": the embedded provider analyses it");
      }
    }
  }

  /** An insight was stored, by the provider of {@code analysis}. */
  void stored(
      AnalysisRequest request,
      int attempt,
      MessageView message,
      Analysis analysis,
      AiInsightView stored) {
    metrics.insights.labelValues(analysis.provider().label()).inc();
    LOG.info(
        () ->
            "insight "
                + stored.status()
                + " message_id="
                + message.id()
                + " event_id="
                + request.eventId()
                + " attempt="
                + attempt
                + " model="
                + analysis.model()
                + " ms="
                + stored.latencyMs()
                + (stored.error() == null ? "" : " error=" + stored.error()));
  }
}
