package org.supportinbox.functions.analyze;

import java.util.Objects;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.Sentiment;
import org.supportinbox.contracts.Urgency;

/**
 * The normalised output contract of the analysis: every field present, texts trimmed, free of
 * control characters other than newline and tab, and within the limits below. {@code
 * conversationSummary} is the one optional field: the whole conversation up to this message (what
 * the customer wants, what was done, what is open), null when the analyzer wrote none.
 */
public record Insight(
    Intent intent,
    String summary,
    String suggestedReply,
    Sentiment sentiment,
    Urgency urgency,
    String conversationSummary) {

  /** Longest summary, in code points; the parser cuts longer ones, the schema announces it. */
  public static final int SUMMARY_MAX = 280;

  /** Longest suggested reply, in code points. */
  public static final int SUGGESTED_REPLY_MAX = 1_200;

  /** Longest conversation summary, in code points. */
  public static final int CONVERSATION_SUMMARY_MAX = 600;

  /** An insight without a conversation summary. */
  public Insight(
      Intent intent, String summary, String suggestedReply, Sentiment sentiment, Urgency urgency) {
    this(intent, summary, suggestedReply, sentiment, urgency, null);
  }

  public Insight {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(suggestedReply, "suggestedReply");
    Objects.requireNonNull(sentiment, "sentiment");
    Objects.requireNonNull(urgency, "urgency");
  }
}
