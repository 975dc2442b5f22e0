package org.supportinbox.functions.analyze.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.Sentiment;
import org.supportinbox.contracts.Urgency;
import org.supportinbox.functions.analyze.Analyzer;
import org.supportinbox.functions.analyze.ContextMessage;
import org.supportinbox.functions.analyze.Insight;
import org.supportinbox.functions.analyze.KnowledgePassage;
import org.supportinbox.functions.analyze.ParseResult;

/** {@link OllamaAnalyzer#grounded}: a reply that states a figure in no source is rejected. */
class GroundingTest {

  private static ParseResult reply(String text) {
    return new ParseResult.Accepted(
        new Insight(Intent.REFUND, "Wants a refund.", text, Sentiment.NEUTRAL, Urgency.NORMAL));
  }

  private static final Analyzer.Message MESSAGE =
      new Analyzer.Message(
          "Ada",
          "Your website said I have 60 days to return order 4411. Is that right?",
          List.of(new ContextMessage("customer", "Ada", "I bought it on the 3rd.")),
          "en",
          List.of(
              new KnowledgePassage(
                  UUID.randomUUID(),
                  "Returns",
                  "Items can be returned within 14 days of delivery.",
                  "en",
                  0.71)));

  @Test
  void aReplyWithTheSourcesFiguresIsKept() {
    ParseResult parsed = reply("Hi Ada, order 4411 can be returned within 14 days of delivery.");
    assertThat(OllamaAnalyzer.grounded(parsed, MESSAGE)).isSameAs(parsed);
  }

  @Test
  void aTimeLimitOnlyTheCustomerClaimsIsNoBacking() {
    // The conflicting policy: the customer says 60 days, the knowledge base 14.
    ParseResult result =
        OllamaAnalyzer.grounded(reply("Yes, you have 60 days from the 3rd."), MESSAGE);
    assertThat(result).isInstanceOf(ParseResult.Rejected.class);
    assertThat(((ParseResult.Rejected) result).reason())
        .startsWith("suggested_reply states 60, 3,");
  }

  @Test
  void whatAnOperatorSaidBeforeBacksAFigure() {
    Analyzer.Message withOperator =
        new Analyzer.Message(
            "Ada",
            "Any news?",
            List.of(new ContextMessage("operator", "Ben", "A courier comes within 2 days.")),
            "en",
            List.of());
    ParseResult parsed = reply("The courier comes within 2 days, as Ben said.");
    assertThat(OllamaAnalyzer.grounded(parsed, withOperator)).isSameAs(parsed);
  }

  @Test
  void anInventedFigureRejectsTheReplyWithTheReason() {
    ParseResult result =
        OllamaAnalyzer.grounded(reply("Sure, you have 30 days and a 10 % bonus."), MESSAGE);
    assertThat(result).isInstanceOf(ParseResult.Rejected.class);
    assertThat(((ParseResult.Rejected) result).reason())
        .startsWith("suggested_reply states 30, 10, which no knowledge-base passage");
  }

  @Test
  void aRejectionStaysARejection() {
    ParseResult rejected = new ParseResult.Rejected("summary is missing");
    assertThat(OllamaAnalyzer.grounded(rejected, MESSAGE)).isSameAs(rejected);
  }
}
