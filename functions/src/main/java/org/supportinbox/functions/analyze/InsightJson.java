package org.supportinbox.functions.analyze;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.supportinbox.functions.runtime.Json;

/**
 * The output contract as JSON: the five fields of an insight, wire values, in contract order
 * ({@code intent, summary, suggested_reply, sentiment, urgency}, snake_case through {@link Json}),
 * then the optional {@code conversation_summary} (left out when null). What {@code ./inbox parse}
 * prints, what the embedded analyzer hands to {@link InsightParser}, and what a model is asked to
 * write.
 */
public record InsightJson(
    String intent,
    String summary,
    String suggestedReply,
    String sentiment,
    String urgency,
    @JsonInclude(JsonInclude.Include.NON_NULL) String conversationSummary) {

  /** The five required fields, without a conversation summary. */
  public InsightJson(
      String intent, String summary, String suggestedReply, String sentiment, String urgency) {
    this(intent, summary, suggestedReply, sentiment, urgency, null);
  }

  public static InsightJson of(Insight insight) {
    return new InsightJson(
        insight.intent().wire(),
        insight.summary(),
        insight.suggestedReply(),
        insight.sentiment().wire(),
        insight.urgency().wire(),
        insight.conversationSummary());
  }

  /** One line of JSON, no line break at its end. */
  public String toJson() {
    try {
      return Json.MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a record of strings does not serialise", e);
    }
  }
}
