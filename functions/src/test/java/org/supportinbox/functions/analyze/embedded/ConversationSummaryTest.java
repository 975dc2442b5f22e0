package org.supportinbox.functions.analyze.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.supportinbox.functions.analyze.Analyzer;
import org.supportinbox.functions.analyze.ContextMessage;

class ConversationSummaryTest {

  private static Analyzer.Message message(List<ContextMessage> previous, String summarySoFar) {
    return new Analyzer.Message("Ada", "Any news on it?", previous, "en", List.of(), summarySoFar);
  }

  @Test
  void aFirstMessageIsSummarisedByItsOwnSummary() {
    assertThat(ConversationSummary.of(message(List.of(), null), "Asks about a late parcel."))
        .isEqualTo("Asks about a late parcel.");
  }

  @Test
  void theFirstAskTheLastAnswerAndNow() {
    String summary =
        ConversationSummary.of(
            message(
                List.of(
                    new ContextMessage("customer", "Ada", "Hi! My parcel for order 4411 is late."),
                    new ContextMessage("operator", "Ben", "Sorry! I asked the carrier. More soon."),
                    new ContextMessage("customer", "Ada", "Thanks."),
                    new ContextMessage("operator", "Ben", "The carrier says it leaves today.")),
                null),
            "Asks for news.");
    assertThat(summary)
        .isEqualTo(
            "Asked: My parcel for order 4411 is late. · Answered: The carrier says it leaves"
                + " today. · Now: Asks for news.");
  }

  @Test
  void theFirstAskIsCarriedOverFromTheSummarySoFar() {
    String summary =
        ConversationSummary.of(
            message(
                List.of(new ContextMessage("customer", "Ada", "Still nothing here, please check.")),
                "Asked: My parcel for order 4411 is late. · Now: Asks for news."),
            "Wants a refund instead.");
    assertThat(summary)
        .isEqualTo("Asked: My parcel for order 4411 is late. · Now: Wants a refund instead.");
  }
}
