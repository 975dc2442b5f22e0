package org.supportinbox.messaging.domain;

import java.time.Instant;
import java.util.UUID;
import org.supportinbox.contracts.FeedbackAction;

/**
 * One operator's feedback on one message's AI insight, with what the insight said at the time (its
 * {@code language} too: ISO 639-1, null when the function could not tell). Made only from an {@code
 * available} insight ({@link #on}); the REST layer has checked the action's extra field (ratio or
 * value).
 */
public record Feedback(
    UUID messageId,
    UUID conversationId,
    String operator,
    FeedbackAction action,
    Double editRatio,
    String value,
    String model,
    String intent,
    String sentiment,
    String urgency,
    String language,
    Instant at) {

  /** What the operator did with {@code insight} (which must be available). */
  public static Feedback on(
      AiInsight insight,
      String operator,
      FeedbackAction action,
      Double editRatio,
      String value,
      Instant at) {
    return new Feedback(
        insight.messageId(),
        insight.conversationId(),
        operator,
        action,
        action == FeedbackAction.SENT_AS_IS ? Double.valueOf(0) : editRatio,
        value,
        insight.model(),
        insight.intent(),
        insight.sentiment(),
        insight.urgency(),
        insight.language(),
        at);
  }

  public String kind() {
    return action.kind();
  }

  /** The insight's value this correction replaces (null for a reply feedback). */
  public String corrected() {
    return switch (action.kind()) {
      case "intent" -> intent;
      case "sentiment" -> sentiment;
      case "urgency" -> urgency;
      default -> null;
    };
  }
}
