package org.supportinbox.functions.analyze.embedded;

import java.util.List;
import org.supportinbox.contracts.Sender;
import org.supportinbox.functions.analyze.Analyzer;
import org.supportinbox.functions.analyze.ContextMessage;
import org.supportinbox.functions.analyze.Insight;
import org.supportinbox.functions.analyze.TextLimits;

/**
 * The embedded provider's conversation summary, extractive: what the customer first asked, the
 * operators' last answer and what this message says, each as written (their first sentence), in the
 * form {@code Asked: … · Answered: … · Now: …}. What was first asked is carried over from the
 * summary so far once the messages that said it are older than the context. A conversation of one
 * message is summarised by that message's own summary.
 */
final class ConversationSummary {

  static final String ASKED = "Asked: ";
  static final String ANSWERED = "Answered: ";
  static final String NOW = "Now: ";
  static final String SEPARATOR = " · ";

  /** One part at most, in code points. */
  private static final int PART_MAX = 190;

  private ConversationSummary() {}

  /** The summary of the conversation up to {@code message}, whose own summary is {@code now}. */
  static String of(Analyzer.Message message, String now) {
    List<ContextMessage> previous = message.previous();
    String asked = carriedAsk(message.previousSummary());
    String answered = null;
    for (ContextMessage m : previous) {
      boolean operator =
          m.sender() != null && Sender.OPERATOR.wire().equalsIgnoreCase(m.sender().strip());
      if (operator) {
        answered = first(m.content());
      } else if (asked == null) {
        asked = first(m.content());
      }
    }
    if (asked == null && answered == null) {
      return now;
    }
    StringBuilder out = new StringBuilder();
    if (asked != null) {
      out.append(ASKED).append(asked);
    }
    if (answered != null) {
      out.append(out.length() > 0 ? SEPARATOR : "").append(ANSWERED).append(answered);
    }
    out.append(SEPARATOR).append(NOW).append(cut(now));
    return TextLimits.cut(out.toString(), Insight.CONVERSATION_SUMMARY_MAX, "…");
  }

  /** The "Asked:" part of an earlier summary in this form, or null. */
  private static String carriedAsk(String summary) {
    if (summary == null || !summary.startsWith(ASKED)) {
      return null;
    }
    int end = summary.indexOf(SEPARATOR);
    String asked = (end < 0 ? summary : summary.substring(0, end)).substring(ASKED.length());
    return asked.isBlank() ? null : asked.strip();
  }

  private static String first(String text) {
    if (text == null) {
      return null;
    }
    List<String> sentences = EmbeddedAnalyzer.sentences(TextLimits.clean(text).strip());
    for (String s : sentences) {
      String line = TextLimits.oneLine(s).strip();
      // A bare greeting says nothing of what is wanted.
      if (line.split("\\s+").length >= 3) {
        return cut(line);
      }
    }
    return sentences.isEmpty() ? null : cut(TextLimits.oneLine(sentences.get(0)).strip());
  }

  private static String cut(String text) {
    return TextLimits.cut(TextLimits.oneLine(text).strip(), PART_MAX, "…");
  }
}
