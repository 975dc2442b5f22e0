package org.supportinbox.messaging.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.AiStatus;
import org.supportinbox.contracts.InsightSource;
import org.supportinbox.contracts.rest.InsightReport;

/** The AI analysis of one message; at most one per message. */
@Entity
@Table(name = "ai_insights")
public class AiInsight {

  @Id
  @Column(name = "message_id")
  private UUID messageId;

  @Column(name = "conversation_id", nullable = false)
  private UUID conversationId;

  @Column(nullable = false)
  private AiStatus status;

  private String intent;
  private String summary;

  @Column(name = "suggested_reply")
  private String suggestedReply;

  private String sentiment;
  private String urgency;
  private String model;

  @Column(nullable = false)
  private int attempts;

  private String error;

  @Column(name = "latency_ms")
  private Long latencyMs;

  /** ISO 639-1; null when the function could not tell, or reported no language (before V8). */
  private String language;

  /** The passages the suggested reply was grounded in, best first; empty when none (V12). */
  @Convert(converter = InsightSourcesConverter.class)
  private List<InsightSource> sources = List.of();

  /** {@code knowledge}, {@code macro} or {@code model}; null when unknown (V12). */
  @Column(name = "reply_basis")
  private String replyBasis;

  /** What the customer wants, what was done, what is open, up to this message (V17); or null. */
  @Column(name = "conversation_summary")
  private String conversationSummary;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected AiInsight() {}

  /** The insight of a message that has just been stored and waits for analysis. */
  public static AiInsight processing(Message message) {
    AiInsight insight = new AiInsight();
    insight.messageId = message.id();
    insight.conversationId = message.conversationId();
    insight.status = AiStatus.PROCESSING;
    insight.createdAt = message.createdAt();
    insight.updatedAt = message.createdAt();
    return insight;
  }

  /**
   * Applies what an AI function reports, once it keeps {@link InsightRules}. A terminal insight is
   * never set back to processing (a late or redelivered report must not undo a result); returns
   * whether anything changed.
   */
  public boolean apply(InsightReport report, Instant at) {
    AiStatus reported = InsightRules.check(report);
    if (status.terminal() && reported == AiStatus.PROCESSING) {
      return false;
    }
    status = reported;
    intent = report.intent();
    summary = report.summary();
    suggestedReply = report.suggestedReply();
    sentiment = report.sentiment();
    urgency = report.urgency();
    model = report.model();
    attempts = report.attempts();
    error = report.error();
    latencyMs = report.latencyMs();
    language = report.language();
    sources = report.sources() == null ? List.of() : List.copyOf(report.sources());
    replyBasis = report.replyBasis();
    conversationSummary = report.conversationSummary();
    updatedAt = at;
    return true;
  }

  /**
   * Someone asked for the message to be analysed again: back to {@code processing}, with every
   * result field cleared. {@code attempts} is kept (it counts the analyser's tries over the
   * message's life, and the next report sets it anyway). Unlike {@link #apply}, this does set a
   * terminal insight back: it is an explicit request, not a late report.
   */
  public void reanalysisRequested(Instant at) {
    status = AiStatus.PROCESSING;
    intent = null;
    summary = null;
    suggestedReply = null;
    sentiment = null;
    urgency = null;
    model = null;
    error = null;
    latencyMs = null;
    language = null;
    sources = List.of();
    replyBasis = null;
    conversationSummary = null;
    updatedAt = at;
  }

  public UUID messageId() {
    return messageId;
  }

  public UUID conversationId() {
    return conversationId;
  }

  public AiStatus status() {
    return status;
  }

  public String intent() {
    return intent;
  }

  public String summary() {
    return summary;
  }

  public String suggestedReply() {
    return suggestedReply;
  }

  public String sentiment() {
    return sentiment;
  }

  public String urgency() {
    return urgency;
  }

  public String model() {
    return model;
  }

  public int attempts() {
    return attempts;
  }

  public String error() {
    return error;
  }

  public Long latencyMs() {
    return latencyMs;
  }

  public String language() {
    return language;
  }

  public List<InsightSource> sources() {
    return sources == null ? List.of() : sources;
  }

  public String replyBasis() {
    return replyBasis;
  }

  public String conversationSummary() {
    return conversationSummary;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
