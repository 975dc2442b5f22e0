package org.supportinbox.functions.analyze;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.supportinbox.functions.runtime.Json;

/**
 * The output contract as JSON: the five fields of an insight, wire values, in contract order
 * ({@code intent, summary, suggested_reply, sentiment, urgency}, snake_case through {@link Json}).
 * What {@code ./inbox parse} prints, what the embedded analyzer hands to {@link InsightParser}, and
 * what a model is asked to write.
 */
public record InsightJson(
    String intent, String summary, String suggestedReply, String sentiment, String urgency) {

  public static InsightJson of(Insight insight) {
    return new InsightJson(
        insight.intent().wire(),
        insight.summary(),
        insight.suggestedReply(),
        insight.sentiment().wire(),
        insight.urgency().wire());
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
