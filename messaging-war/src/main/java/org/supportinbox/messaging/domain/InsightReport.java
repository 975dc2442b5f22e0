package org.supportinbox.messaging.domain;

import java.util.UUID;
import org.supportinbox.contracts.AiStatus;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.Sentiment;
import org.supportinbox.contracts.Urgency;
import org.supportinbox.contracts.WireEnum;
import org.supportinbox.web.InvalidInputException;

/**
 * What an AI function reports about one message, validated: an {@code available} report carries
 * every field of the output contract, with values from the fixed vocabularies.
 */
public record InsightReport(
    UUID messageId,
    UUID conversationId,
    AiStatus status,
    String intent,
    String summary,
    String suggestedReply,
    String sentiment,
    String urgency,
    String model,
    int attempts,
    String error,
    Long latencyMs) {

  public InsightReport {
    if (intent != null) {
      vocabulary("intent", Intent.class, intent);
    }
    if (sentiment != null) {
      vocabulary("sentiment", Sentiment.class, sentiment);
    }
    if (urgency != null) {
      vocabulary("urgency", Urgency.class, urgency);
    }
    if (attempts < 0) {
      throw new InvalidInputException("attempts", "attempts must be 0 or more");
    }
    if (latencyMs != null && latencyMs < 0) {
      throw new InvalidInputException("latency_ms", "latency_ms must be 0 or more");
    }
    if (status == AiStatus.AVAILABLE) {
      require(status, "intent", intent);
      require(status, "summary", summary);
      require(status, "suggested_reply", suggestedReply);
      require(status, "sentiment", sentiment);
      require(status, "urgency", urgency);
    }
    if (status == AiStatus.UNAVAILABLE) {
      require(status, "error", error);
    }
  }

  private static <E extends Enum<E> & WireEnum> void vocabulary(
      String field, Class<E> type, String value) {
    if (WireEnum.parse(type, value).isEmpty()) {
      throw new InvalidInputException(
          field, field + " must be one of " + WireEnum.choices(type) + ", not '" + value + "'");
    }
  }

  private static void require(AiStatus status, String field, String value) {
    if (value == null) {
      throw new InvalidInputException(
          "missing_field", field, field + " is required when status is " + status.wire());
    }
  }
}
