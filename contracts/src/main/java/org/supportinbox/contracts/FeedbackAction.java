package org.supportinbox.contracts;

/**
 * What an operator did with a message's AI insight ({@code POST /messages/{id}/feedback}). The
 * first three are the fate of the suggested reply, the others correct one field of the insight;
 * {@link #kind()} groups them: an operator has at most one feedback of each kind per message, and a
 * later one replaces the earlier (a suggestion dismissed, then used after all, counts as used).
 */
public enum FeedbackAction implements WireEnum {
  /** A reply that started from the suggestion was sent unchanged. */
  SENT_AS_IS,
  /** A reply that started from the suggestion was sent after edits ({@code edit_ratio} > 0). */
  EDITED,
  /** The operator dismissed the suggestion. */
  DISMISSED,
  /** The insight's intent was wrong; {@code value} is the right one ({@link Intent}). */
  CORRECT_INTENT,
  /** The insight's sentiment was wrong; {@code value} is the right one ({@link Sentiment}). */
  CORRECT_SENTIMENT,
  /** The insight's urgency was wrong; {@code value} is the right one ({@link Urgency}). */
  CORRECT_URGENCY;

  /** {@code reply}, {@code intent}, {@code sentiment} or {@code urgency}. */
  public String kind() {
    return switch (this) {
      case SENT_AS_IS, EDITED, DISMISSED -> "reply";
      case CORRECT_INTENT -> "intent";
      case CORRECT_SENTIMENT -> "sentiment";
      case CORRECT_URGENCY -> "urgency";
    };
  }

  /** Whether this corrects a field of the insight (and needs a {@code value}). */
  public boolean correction() {
    return !kind().equals("reply");
  }
}
