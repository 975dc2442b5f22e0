package org.supportinbox.functions.analyze;

import com.rabbitmq.client.AMQP;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.supportinbox.contracts.AiStatus;
import org.supportinbox.contracts.InsightSource;
import org.supportinbox.contracts.Sender;
import org.supportinbox.contracts.WireEnum;
import org.supportinbox.contracts.events.AiCompleted;
import org.supportinbox.contracts.events.MessageCreated;
import org.supportinbox.contracts.rest.AiInsightView;
import org.supportinbox.contracts.rest.InsightReport;
import org.supportinbox.contracts.rest.MessageContext;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.functions.analyze.language.LanguageDetection;
import org.supportinbox.functions.messaging.MessagingClient;
import org.supportinbox.functions.runtime.ConfirmedPublisher;
import org.supportinbox.functions.runtime.EventFunction;
import org.supportinbox.functions.runtime.FunctionMetrics;
import org.supportinbox.functions.runtime.Json;

/**
 * The analyze function: for each {@code message.created} of an analysed sender ({@code
 * AI_ANALYZE_SENDERS}) and each {@code ai.requested} (any sender), reads the event, fetches the
 * message and its context from messaging, detects its language, asks the {@link AnalyzerChain} for
 * the insight with the knowledge-base passages found for it ({@link Knowledge}), stores it in
 * messaging with the language and the sources, and publishes {@code ai.completed}.
 *
 * <p>Idempotent: when messaging already holds a terminal insight for the message (a redelivery
 * after a crash between storing and acking), the model is not asked again; only {@code
 * ai.completed} is published again. Every event ends in a terminal insight: the model's faults are
 * retried through the retry queues and, on the last attempt, stored as {@code unavailable} with the
 * reason.
 */
public final class AnalyzeFunction implements EventFunction {

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(AnalyzeFunction.class.getName());

  /** A stored error is cut to this length, as messaging allows. */
  private static final int ERROR_MAX = 2_000;

  private final MessagingClient messaging;
  private final AnalyzerChain chain;
  private final Set<Sender> analysedSenders;
  private final int contextMessages;
  private final String exchange;
  private final AnalyzeTelemetry telemetry;
  private final LanguageDetection languages;
  private final Knowledge knowledge;

  AnalyzeFunction(
      MessagingClient messaging,
      AnalyzerChain chain,
      LanguageDetection languages,
      Knowledge knowledge,
      Set<Sender> analysedSenders,
      int contextMessages,
      String exchange,
      FunctionMetrics metrics) {
    this.messaging = messaging;
    this.chain = chain;
    this.languages = languages;
    this.knowledge = knowledge;
    this.analysedSenders = Set.copyOf(analysedSenders);
    this.contextMessages = contextMessages;
    this.exchange = exchange;
    this.telemetry = new AnalyzeTelemetry(metrics);
  }

  @Override
  public List<String> routingKeys() {
    return AnalysisRequest.EVENT_TYPES;
  }

  @Override
  public Outcome handle(Delivery delivery, ConfirmedPublisher publisher) {
    AnalysisRequest request;
    try {
      request = AnalysisRequest.read(delivery.body());
    } catch (IllegalArgumentException e) {
      return new Outcome.Poison("unreadable event: " + e.getMessage());
    }
    // An explicit request (an operator's "Retry AI") is honoured for any sender; the filter is
    // for what messaging stores on its own.
    if (request.eventType().equals(MessageCreated.TYPE)
        && (!analysedSenders.contains(request.sender()) || request.internal())) {
      return new Outcome.Done("skipped"); // an operators' note is never analysed
    }
    Optional<Carried> carried = carried(request, delivery, contextMessages);
    if (carried.isPresent()) {
      telemetry.context(true);
      Carried c = carried.get();
      return analyse(delivery, publisher, request, c.message(), c.previous(), c.summary());
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
    telemetry.context(false);
    MessageView message = context.message();
    AiInsightView stored = message.ai();
    if (stored != null && isTerminal(stored.status())) {
      telemetry.republishing(request, message, stored);
      return publish(publisher, message, stored, "republished");
    }
    List<ContextMessage> previous = new ArrayList<>();
    for (MessageView m : context.previous()) {
      previous.add(new ContextMessage(m.sender(), m.senderName(), m.content()));
    }
    return analyse(delivery, publisher, request, message, previous, context.conversationSummary());
  }

  /**
   * The message and its context as the event carries them, read in place of messaging's {@code GET
   * /messages/{id}/context}.
   */
  record Carried(MessageView message, List<ContextMessage> previous, String summary) {}

  /**
   * The context of a {@code message.created} that carries one ({@code ai_context}, schema version
   * 6), when it may stand for the {@code GET}: the event's first delivery (not a retry, not
   * redelivered by the broker: then the message may have a terminal insight already, which the
   * {@code GET} finds and which is published again instead of asking the model twice), and a window
   * at least {@code contextMessages} wide. Empty otherwise, and always for an {@code ai.requested}:
   * the function then asks messaging.
   */
  static Optional<Carried> carried(
      AnalysisRequest request, Delivery delivery, int contextMessages) {
    MessageCreated.AiContext context = request.aiContext();
    if (!MessageCreated.TYPE.equals(request.eventType())
        || context == null
        || context.previous() == null
        || request.content() == null
        || delivery.attempt() > 1
        || delivery.redelivered()
        || contextMessages > context.window()
        || context.previous().size() > context.window()) {
      return Optional.empty();
    }
    List<MessageCreated.AiContext.Message> earlier = context.previous();
    List<ContextMessage> previous = new ArrayList<>(contextMessages);
    for (MessageCreated.AiContext.Message m :
        earlier.subList(Math.max(0, earlier.size() - contextMessages), earlier.size())) {
      if (m != null) {
        previous.add(new ContextMessage(m.sender(), m.senderName(), m.content()));
      }
    }
    MessageView message =
        new MessageView(
            request.messageId(),
            request.conversationId(),
            request.sender().wire(),
            request.senderName(),
            request.content(),
            null,
            false,
            null,
            null,
            null,
            null);
    return Optional.of(new Carried(message, previous, context.conversationSummary()));
  }

  private Outcome analyse(
      Delivery delivery,
      ConfirmedPublisher publisher,
      AnalysisRequest request,
      MessageView message,
      List<ContextMessage> previous,
      String conversationSummary) {
    Analyzer.Message read = read(languages, knowledge, message, previous, conversationSummary);
    String language = read.language();
    AnalyzerChain.Result result = chain.analyse(read, request.occurredAt());
    telemetry.analysed(request, message, result);
    Analysis analysis = result.analysis();
    InsightReport report;
    if (analysis instanceof Analysis.Accepted accepted) {
      report = available(message, accepted, delivery.attempt(), result.latencyMs(), language);
    } else if (analysis instanceof Analysis.Rejected rejected) {
      report =
          unavailable(
              message,
              rejected.model(),
              "invalid_output: " + rejected.reason(),
              delivery.attempt(),
              result.latencyMs(),
              language);
    } else {
      Analysis.Failed failed = (Analysis.Failed) analysis;
      if (!delivery.last()) {
        return new Outcome.Retry(failed.reason(), failed.detail());
      }
      report =
          unavailable(
              message,
              failed.model(),
              failed.reason() + ": " + failed.detail(),
              delivery.attempt(),
              result.latencyMs(),
              language);
    }
    AiInsightView insight;
    try {
      insight = messaging.store(report);
    } catch (MessagingClient.UnavailableException e) {
      return new Outcome.Retry("messaging_unreachable", e.getMessage());
    } catch (MessagingClient.RefusedException e) {
      return new Outcome.Poison("messaging refused the insight: " + e.getMessage());
    }
    telemetry.stored(request, delivery.attempt(), message, analysis, insight);
    return publish(publisher, message, insight, insight.status());
  }

  /**
   * {@code message} as every analyzer gets it, whichever answers: its language detected once, here
   * (null when the detector is unsure; what is stored with the insight and told to Ollama), the
   * language to read it with (the detected one, or when unsure the likeliest: worked out once,
   * here, for the knowledge base's glossary and the embedded analyzer's examples), and the team's
   * knowledge found for it once, with the language it is read with.
   */
  static Analyzer.Message read(
      LanguageDetection languages,
      Knowledge knowledge,
      MessageView message,
      List<ContextMessage> previous,
      String conversationSummary) {
    String language = languages.detect(message.content()).orElse(null);
    String readingLanguage = languages.detectedOrLikeliest(language, message.content());
    List<KnowledgePassage> passages;
    try {
      passages = knowledge.find(message.content(), readingLanguage);
    } catch (RuntimeException e) {
      // The knowledge base only improves a reply: without it the message is still analysed.
      LOG.warning(
          "knowledge base search failed for message " + message.id() + ", analysing without: " + e);
      passages = List.of();
    }
    return new Analyzer.Message(
        message.senderName(),
        message.content(),
        previous,
        language,
        passages,
        conversationSummary,
        readingLanguage);
  }

  private static InsightReport available(
      MessageView message,
      Analysis.Accepted accepted,
      int attempts,
      long latencyMs,
      String language) {
    Insight insight = accepted.insight();
    return new InsightReport(
        message.id(),
        message.conversationId(),
        AiStatus.AVAILABLE.wire(),
        insight.intent().wire(),
        insight.summary(),
        insight.suggestedReply(),
        insight.sentiment().wire(),
        insight.urgency().wire(),
        accepted.model(),
        attempts,
        null,
        latencyMs,
        language,
        sources(accepted.sources()),
        accepted.basis() == null ? null : accepted.basis().wire(),
        insight.conversationSummary());
  }

  /**
   * The passages as the insight records its sources: one per article or conversation, in the order
   * of its best passage, with that passage's score.
   */
  public static List<InsightSource> sources(List<KnowledgePassage> passages) {
    Map<java.util.UUID, InsightSource> bySource = new java.util.LinkedHashMap<>();
    for (KnowledgePassage p : passages) {
      InsightSource s = source(p);
      bySource.merge(p.sourceId(), s, (a, b) -> a.score() >= b.score() ? a : b);
    }
    return List.copyOf(bySource.values());
  }

  /** A passage as the insight records it: the source, its title, the score to 3 decimals. */
  static InsightSource source(KnowledgePassage p) {
    double score = Math.max(-1, Math.min(1, Math.round(p.score() * 1000) / 1000.0));
    return new InsightSource(p.kind(), p.sourceId(), p.title(), score);
  }

  private static InsightReport unavailable(
      MessageView message,
      String model,
      String error,
      int attempts,
      long latencyMs,
      String language) {
    return new InsightReport(
        message.id(),
        message.conversationId(),
        AiStatus.UNAVAILABLE.wire(),
        null,
        null,
        null,
        null,
        null,
        model,
        attempts,
        error.length() > ERROR_MAX ? error.substring(0, ERROR_MAX) : error,
        latencyMs,
        language,
        List.of(),
        null,
        null);
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
                insight.error(),
                insight.language(),
                insight.sources() == null ? List.of() : insight.sources(),
                insight.replyBasis(),
                insight.conversationSummary()));
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
}
