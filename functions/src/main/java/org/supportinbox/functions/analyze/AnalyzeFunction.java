package org.supportinbox.functions.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.supportinbox.contracts.AiStatus;
import org.supportinbox.contracts.Sender;
import org.supportinbox.contracts.WireEnum;
import org.supportinbox.contracts.events.AiCompleted;
import org.supportinbox.contracts.events.AiRequested;
import org.supportinbox.contracts.events.MessageCreated;
import org.supportinbox.contracts.rest.AiInsightView;
import org.supportinbox.contracts.rest.MessageContext;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.functions.runtime.ConfirmedPublisher;
import org.supportinbox.functions.runtime.EventFunction;
import org.supportinbox.functions.runtime.FunctionMetrics;
import org.supportinbox.functions.runtime.Json;

/**
 * The analyze function: for each {@code message.created} of an analysed sender ({@code
 * AI_ANALYZE_SENDERS}) and each {@code ai.requested} (any sender), asks a provider for the insight
 * (Ollama or the embedded one, see {@link Providers}), validates it, stores it in messaging and
 * publishes {@code ai.completed}.
 *
 * <p>Idempotent: when messaging already holds a terminal insight for the message (a redelivery
 * after a crash between storing and acking), the model is not asked again; only {@code
 * ai.completed} is published again. Every event ends in a terminal insight: the model's faults are
 * retried through the retry queues and, on the last attempt, stored as {@code unavailable} with the
 * reason.
 */
public final class AnalyzeFunction implements EventFunction {

  private static final Logger LOG = Logger.getLogger(AnalyzeFunction.class.getName());

  private final MessagingClient messaging;
  private final Providers providers;
  private final Set<Sender> analysedSenders;
  private final int contextMessages;
  private final String exchange;
  private final FunctionMetrics metrics;

  AnalyzeFunction(
      MessagingClient messaging,
      Providers providers,
      Set<Sender> analysedSenders,
      int contextMessages,
      String exchange,
      FunctionMetrics metrics) {
    this.messaging = messaging;
    this.providers = providers;
    this.analysedSenders = Set.copyOf(analysedSenders);
    this.contextMessages = contextMessages;
    this.exchange = exchange;
    this.metrics = metrics;
  }

  @Override
  public List<String> routingKeys() {
    return List.of(MessageCreated.TYPE, AiRequested.TYPE);
  }

  /**
   * What the function needs from either event type.
   *
   * @param occurredAt the event's {@code occurred_at} (for an {@code ai.requested}, when the
   *     analysis was asked for), or null when the event has none
   */
  record Request(
      String eventType,
      UUID eventId,
      Instant occurredAt,
      UUID conversationId,
      UUID messageId,
      Sender sender) {}

  @Override
  public Outcome handle(Delivery delivery, ConfirmedPublisher publisher) {
    Request request;
    try {
      request = read(delivery.body());
    } catch (IllegalArgumentException e) {
      return new Outcome.Poison("unreadable event: " + e.getMessage());
    }
    // An explicit request (an operator's "Retry AI") is honoured for any sender; the filter is
    // for what messaging stores on its own.
    if (request.eventType().equals(MessageCreated.TYPE)
        && !analysedSenders.contains(request.sender())) {
      return new Outcome.Done("skipped");
    }
    MessageContext context;
    try {
      Optional<MessageContext> found = messaging.context(request.messageId(), contextMessages);
      if (found.isEmpty()) {
        return new Outcome.Poison(
            "message " + request.messageId() + " does not exist in messaging");
      }
      context = found.get();
    } catch (MessagingClient.UnavailableException e) {
      return new Outcome.Retry("messaging_unreachable", e.getMessage());
    } catch (MessagingClient.RefusedException e) {
      return new Outcome.Poison(e.getMessage());
    }
    MessageView message = context.message();
    AiInsightView stored = message.ai();
    if (stored != null && isTerminal(stored.status())) {
      LOG.info(
          () ->
              "already "
                  + stored.status()
                  + " message_id="
                  + message.id()
                  + " event_id="
                  + request.eventId()
                  + ": publishing ai.completed again, no model call");
      return publish(publisher, message, stored, "republished");
    }
    return analyse(delivery, publisher, request, context);
  }

  private Outcome analyse(
      Delivery delivery, ConfirmedPublisher publisher, Request request, MessageContext context) {
    MessageView message = context.message();
    List<ContextMessage> previous = new ArrayList<>();
    for (MessageView m : context.previous()) {
      previous.add(new ContextMessage(m.sender(), m.senderName(), m.content()));
    }
    Map<String, Object> report;
    Providers.Choice choice = providers.choose(request.occurredAt());
    if (choice.route() == Providers.Route.EMBEDDED_OVER_BUDGET) {
      metrics.budgetFallbacks.inc();
      LOG.info(
          () ->
              "over the LLM budget message_id="
                  + message.id()
                  + " event_id="
                  + request.eventId()
                  + " waited_ms="
                  + choice.waited().toMillis()
                  + ": the embedded provider analyses it, Ollama is not asked");
      report = viaEmbedded(message, delivery.attempt(), 0);
    } else if (choice.route() != Providers.Route.OLLAMA) {
      if (choice.route() == Providers.Route.EMBEDDED_NOT_USABLE) {
        metrics.fallbacks.labelValues("not_usable").inc();
      }
      report = viaEmbedded(message, delivery.attempt(), 0);
    } else {
      try {
        report = viaOllama(message, previous, delivery.attempt());
        if (providers.fallsBack() && AiStatus.UNAVAILABLE.wire().equals(report.get("status"))) {
          LOG.info(
              () ->
                  "Ollama's output rejected twice message_id="
                      + message.id()
                      + ": the embedded provider analyses it");
          metrics.fallbacks.labelValues("invalid_output").inc();
          report = viaEmbedded(message, delivery.attempt(), (Long) report.get("latency_ms"));
        }
      } catch (LlmUnavailableException e) {
        metrics.llmLatency.labelValues(e.reason()).observe(0);
        if (providers.fallsBack()) {
          // auto: degrade now instead of retrying; the probe skips Ollama for an interval.
          providers.ollamaFailed(e.reason() + ": " + e.getMessage());
          metrics.fallbacks.labelValues(e.reason()).inc();
          LOG.info(
              () ->
                  "Ollama failed message_id="
                      + message.id()
                      + " ("
                      + e.reason()
                      + "): the embedded provider analyses it");
          report = viaEmbedded(message, delivery.attempt(), 0);
        } else if (!delivery.last()) {
          return new Outcome.Retry(e.reason(), e.getMessage());
        } else {
          report =
              unavailable(
                  message,
                  providers.ollama.model(),
                  e.reason() + ": " + e.getMessage(),
                  delivery.attempt(),
                  0);
        }
      }
    }
    AiInsightView stored;
    try {
      stored = messaging.store(report);
    } catch (MessagingClient.UnavailableException e) {
      return new Outcome.Retry("messaging_unreachable", e.getMessage());
    } catch (MessagingClient.RefusedException e) {
      return new Outcome.Poison("messaging refused the insight: " + e.getMessage());
    }
    String model = String.valueOf(report.get("model"));
    metrics
        .insights
        .labelValues(model.startsWith(EmbeddedAnalyzer.PREFIX) ? "embedded" : "ollama")
        .inc();
    LOG.info(
        () ->
            "insight "
                + stored.status()
                + " message_id="
                + message.id()
                + " event_id="
                + request.eventId()
                + " attempt="
                + delivery.attempt()
                + " model="
                + model
                + " ms="
                + stored.latencyMs()
                + (stored.error() == null ? "" : " error=" + stored.error()));
    return publish(publisher, message, stored, stored.status());
  }

  /** Ollama's insight: available, or unavailable with invalid_output after one repair. */
  private Map<String, Object> viaOllama(
      MessageView message, List<ContextMessage> previous, int attempt)
      throws LlmUnavailableException {
    OllamaAnalyzer analyzer = providers.ollama;
    Prompt prompt = PromptBuilder.analyse(message.senderName(), previous, message.content());
    OllamaAnalyzer.Analysis analysis = analyzer.analyse(prompt, this::observe);
    if (analysis.result() instanceof ParseResult.Accepted accepted) {
      return available(
          message, analyzer.model(), accepted.insight(), attempt, analysis.latencyMs());
    }
    String reason = ((ParseResult.Rejected) analysis.result()).reason();
    return unavailable(
        message, analyzer.model(), "invalid_output: " + reason, attempt, analysis.latencyMs());
  }

  /**
   * The embedded provider's insight; {@code spentMs}: time already spent on Ollama for this
   * attempt, added to the stored latency.
   */
  private Map<String, Object> viaEmbedded(MessageView message, int attempt, long spentMs) {
    EmbeddedAnalyzer.Result result =
        providers.embedded.analyse(message.senderName(), message.content());
    metrics.embeddedLatency.observe(result.latencyMs() / 1000.0);
    return available(
        message,
        providers.embedded.model(),
        result.insight(),
        attempt,
        spentMs + result.latencyMs());
  }

  private void observe(OllamaAnalyzer.Generation generation, String outcome) {
    metrics.llmLatency.labelValues(outcome).observe(generation.latencyMs() / 1000.0);
  }

  private Map<String, Object> available(
      MessageView message, String model, Insight insight, int attempts, long latencyMs) {
    Map<String, Object> report = base(message, model, AiStatus.AVAILABLE, attempts, latencyMs);
    report.put("intent", insight.intent().wire());
    report.put("summary", insight.summary());
    report.put("suggested_reply", insight.suggestedReply());
    report.put("sentiment", insight.sentiment().wire());
    report.put("urgency", insight.urgency().wire());
    return report;
  }

  private Map<String, Object> unavailable(
      MessageView message, String model, String error, int attempts, long latencyMs) {
    Map<String, Object> report = base(message, model, AiStatus.UNAVAILABLE, attempts, latencyMs);
    report.put("error", error.length() > 2_000 ? error.substring(0, 2_000) : error);
    return report;
  }

  private Map<String, Object> base(
      MessageView message, String model, AiStatus status, int attempts, long latencyMs) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("message_id", message.id());
    report.put("conversation_id", message.conversationId());
    report.put("status", status.wire());
    report.put("model", model);
    report.put("attempts", attempts);
    report.put("latency_ms", latencyMs);
    return report;
  }

  /** Publishes {@code ai.completed} for a stored terminal insight, with confirms. */
  private Outcome publish(
      ConfirmedPublisher publisher, MessageView message, AiInsightView insight, String result) {
    AiCompleted event =
        AiCompleted.of(
            message.conversationId(),
            message.id(),
            insight.status(),
            new AiCompleted.Ai(
                insight.intent(),
                insight.summary(),
                insight.suggestedReply(),
                insight.sentiment(),
                insight.urgency(),
                insight.model(),
                insight.error()));
    try {
      publisher.publishEvent(
          exchange,
          AiCompleted.TYPE,
          new AMQP.BasicProperties.Builder()
              .contentType("application/json")
              .contentEncoding("utf-8")
              .messageId(event.eventId().toString())
              .type(AiCompleted.TYPE)
              .timestamp(new Date())
              .headers(Map.of("conversation_id", message.conversationId().toString()))
              .build(),
          Json.MAPPER.writeValueAsBytes(event));
    } catch (IOException e) {
      // The insight is stored; the retry finds it terminal and only publishes.
      return new Outcome.Retry("broker_publish_failed", e.getMessage());
    }
    return new Outcome.Done(result);
  }

  private static boolean isTerminal(String status) {
    return WireEnum.parse(AiStatus.class, status).map(AiStatus::terminal).orElse(false);
  }

  /** The fields this function needs, from a {@code message.created} or {@code ai.requested}. */
  static Request read(byte[] body) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON (" + e.getMessage() + ")");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String type = text(node, "event_type");
    if (!type.equals(MessageCreated.TYPE) && !type.equals(AiRequested.TYPE)) {
      throw new IllegalArgumentException("event_type '" + type + "' is not handled here");
    }
    String sender = text(node, "sender");
    return new Request(
        type,
        uuid(node, "event_id"),
        instant(node, "occurred_at"),
        uuid(node, "conversation_id"),
        uuid(node, "message_id"),
        WireEnum.parse(Sender.class, sender)
            .orElseThrow(() -> new IllegalArgumentException("unknown sender '" + sender + "'")));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(field + " is missing or not a string");
    }
    return value.asText();
  }

  /**
   * An optional RFC 3339 timestamp: null when absent (the event then has no budget, see {@link
   * Providers}); unreadable when present but not one.
   */
  private static Instant instant(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(field + " is not a string");
    }
    try {
      return OffsetDateTime.parse(value.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + " is not an RFC 3339 timestamp: '" + value.asText() + "'");
    }
  }

  private static UUID uuid(JsonNode node, String field) {
    String value = text(node, field);
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " is not a UUID: '" + value + "'");
    }
  }
}
