package org.supportinbox.messaging.domain;

import org.supportinbox.contracts.AiStatus;
import org.supportinbox.contracts.InsightSource;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.ReplyBasis;
import org.supportinbox.contracts.Sentiment;
import org.supportinbox.contracts.Urgency;
import org.supportinbox.contracts.WireEnum;
import org.supportinbox.contracts.rest.InsightReport;

/**
 * What an AI function's report must be to be stored: a known status; labels from the fixed
 * vocabularies; an {@code available} report with every field of the output contract, an {@code
 * unavailable} one with its {@code error}; no negative counts; a language, when there is one, as an
 * ISO 639-1 code.
 */
public final class InsightRules {

  /** ISO 639-1: two lower-case ASCII letters. */
  private static final java.util.regex.Pattern LANGUAGE =
      java.util.regex.Pattern.compile("[a-z]{2}");

  private InsightRules() {}

  /** The report's status, once the report keeps every rule; {@link InvalidValueException} else. */
  public static AiStatus check(InsightReport report) {
    AiStatus status =
        WireEnum.parse(AiStatus.class, report.status())
            .orElseThrow(
                () ->
                    new InvalidValueException(
                        "status",
                        "status must be one of "
                            + WireEnum.choices(AiStatus.class)
                            + ", not '"
                            + report.status()
                            + "'"));
    if (report.intent() != null) {
      vocabulary("intent", Intent.class, report.intent());
    }
    if (report.sentiment() != null) {
      vocabulary("sentiment", Sentiment.class, report.sentiment());
    }
    if (report.urgency() != null) {
      vocabulary("urgency", Urgency.class, report.urgency());
    }
    if (report.language() != null && !LANGUAGE.matcher(report.language()).matches()) {
      throw new InvalidValueException(
          "language",
          "language must be an ISO 639-1 code (two lower-case letters), not '"
              + report.language()
              + "'");
    }
    if (report.replyBasis() != null) {
      vocabulary("reply_basis", ReplyBasis.class, report.replyBasis());
    }
    if (report.sources() != null) {
      sources(report.sources());
    }
    if (report.attempts() < 0) {
      throw new InvalidValueException("attempts", "attempts must be 0 or more");
    }
    if (report.latencyMs() != null && report.latencyMs() < 0) {
      throw new InvalidValueException("latency_ms", "latency_ms must be 0 or more");
    }
    if (status == AiStatus.AVAILABLE) {
      require(status, "intent", report.intent());
      require(status, "summary", report.summary());
      require(status, "suggested_reply", report.suggestedReply());
      require(status, "sentiment", report.sentiment());
      require(status, "urgency", report.urgency());
    }
    if (status == AiStatus.UNAVAILABLE) {
      require(status, "error", report.error());
    }
    return status;
  }

  /** Sources at most; the functions send up to four. */
  public static final int MAX_SOURCES = 8;

  /** A source's title at most (an article's title has at most 200). */
  public static final int MAX_SOURCE_TITLE = 200;

  private static void sources(java.util.List<InsightSource> sources) {
    if (sources.size() > MAX_SOURCES) {
      throw new InvalidValueException("sources", "at most " + MAX_SOURCES + " sources");
    }
    for (int i = 0; i < sources.size(); i++) {
      InsightSource s = sources.get(i);
      String at = "sources[" + i + "]";
      if (s == null) {
        throw new InvalidValueException("sources", at + " must be an object");
      }
      if (!InsightSource.ARTICLE.equals(s.kind()) && !InsightSource.CONVERSATION.equals(s.kind())) {
        throw new InvalidValueException(
            "sources", at + ".kind must be article or conversation, not '" + s.kind() + "'");
      }
      if (s.title().isBlank()
          || s.title().codePointCount(0, s.title().length()) > MAX_SOURCE_TITLE
          || s.title().indexOf('\0') >= 0) {
        throw new InvalidValueException(
            "sources", at + ".title must be 1 to " + MAX_SOURCE_TITLE + " characters of text");
      }
      if (!(s.score() >= -1 && s.score() <= 1)) {
        throw new InvalidValueException("sources", at + ".score must be between -1 and 1");
      }
    }
  }

  private static <E extends Enum<E> & WireEnum> void vocabulary(
      String field, Class<E> type, String value) {
    if (WireEnum.parse(type, value).isEmpty()) {
      throw new InvalidValueException(
          field, field + " must be one of " + WireEnum.choices(type) + ", not '" + value + "'");
    }
  }

  private static void require(AiStatus status, String field, String value) {
    if (value == null) {
      throw new InvalidValueException(
          "missing_field", field, field + " is required when status is " + status.wire());
    }
  }
}
