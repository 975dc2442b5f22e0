package org.supportinbox.functions.runtime;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * What a function process counts, in the Prometheus text format at {@code /metrics}. Each process
 * has its own registry, so tests can run several in one JVM.
 */
public final class FunctionMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  /** Events handled to the end; {@code result}: available, unavailable, skipped, republished. */
  public final Counter processed =
      Counter.builder()
          .name("ai_events_processed_total")
          .help("Events handled to the end, by result")
          .labelNames("result")
          .register(registry);

  /** Attempts that failed, by reason (ollama_unreachable, messaging_unreachable, ...). */
  public final Counter failed =
      Counter.builder()
          .name("ai_events_failed_total")
          .help("Attempts that failed, by reason")
          .labelNames("reason")
          .register(registry);

  public final Counter retried =
      Counter.builder()
          .name("ai_events_retried_total")
          .help("Events sent to a retry queue")
          .register(registry);

  public final Counter deadLettered =
      Counter.builder()
          .name("ai_events_dead_lettered_total")
          .help("Events sent to the dead-letter queue")
          .register(registry);

  public final Gauge inFlight =
      Gauge.builder()
          .name("ai_events_in_flight")
          .help("Events being handled right now")
          .register(registry);

  /** Insights stored, by the provider that produced them: ollama or embedded. */
  public final Counter insights =
      Counter.builder()
          .name("ai_insights_total")
          .help("Insights stored, by provider")
          .labelNames("provider")
          .register(registry);

  /**
   * Messages analysed by the embedded provider because Ollama could not be used ({@code
   * AI_PROVIDER=auto}); {@code reason}: not_usable (the probe), a failure reason of the Ollama
   * call, or invalid_output.
   */
  public final Counter fallbacks =
      Counter.builder()
          .name("ai_embedded_fallbacks_total")
          .help("Messages analysed by the embedded provider because Ollama could not be used")
          .labelNames("reason")
          .register(registry);

  /**
   * Messages analysed by the embedded provider without asking Ollama, because their event had
   * waited longer than {@code AI_LLM_MAX_WAIT} when it was taken ({@code AI_PROVIDER=auto}).
   */
  public final Counter budgetFallbacks =
      Counter.builder()
          .name("ai_llm_budget_fallbacks_total")
          .help(
              "Messages analysed by the embedded provider because their event waited longer than"
                  + " AI_LLM_MAX_WAIT")
          .register(registry);

  /** Latency of one embedded analysis. */
  public final Histogram embeddedLatency =
      Histogram.builder()
          .name("ai_embedded_analysis_seconds")
          .help("Latency of embedded analyses")
          .classicOnly()
          .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1)
          .register(registry);

  /** Latency of one LLM request; {@code outcome}: ok, invalid_output or the failure reason. */
  public final Histogram llmLatency =
      Histogram.builder()
          .name("ai_llm_request_seconds")
          .help("Latency of LLM requests, by outcome")
          .labelNames("outcome")
          .classicOnly()
          .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)
          .register(registry);

  /** A further counter in this process's registry (a function's own, e.g. the mail reader's). */
  public Counter counter(String name, String help, String... labelNames) {
    return Counter.builder().name(name).help(help).labelNames(labelNames).register(registry);
  }

  public String contentType() {
    return writer.getContentType();
  }

  public void write(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }
}
