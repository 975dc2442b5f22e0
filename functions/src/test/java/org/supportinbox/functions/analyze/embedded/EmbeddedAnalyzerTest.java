package org.supportinbox.functions.analyze.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.Sentiment;
import org.supportinbox.contracts.Urgency;
import org.supportinbox.functions.analyze.Analysis;
import org.supportinbox.functions.analyze.Analyzer;
import org.supportinbox.functions.analyze.Insight;

/** What the embedded analyzer makes of messages, beyond the intent (EmbeddedEvaluationTest). */
class EmbeddedAnalyzerTest {

  private final EmbeddedAnalyzer analyzer = SharedEmbeddedAnalyzer.get();

  private Insight analyse(String name, String text) {
    return analyzer.analyse(Analyzer.Message.of(name, text)).insight();
  }

  @Test
  void replyIsTheIntentsMacroWithFirstNameAndOrderNumber() {
    Insight insight =
        analyse("Maria Garcia", "Where is my order #A-7781? It was due last Tuesday.");
    assertThat(insight.intent()).isEqualTo(Intent.ORDER_STATUS);
    assertThat(insight.suggestedReply())
        .startsWith("Hi Maria, ")
        .contains("order A-7781")
        .doesNotContain("{");
  }

  @Test
  void withoutNameOrOrderTheReplyStillReads() {
    Insight insight = analyse(null, "Where is my parcel? It should have arrived by now.");
    assertThat(insight.suggestedReply()).startsWith("Hi there, ").contains("order number");
  }

  @Test
  void aNameThatLooksLikeAPlaceholderStaysText() {
    Insight insight = analyse("{order} $1", "Hello!");
    assertThat(insight.intent()).isEqualTo(Intent.GREETING);
    assertThat(insight.suggestedReply()).startsWith("Hi {order}, ");
  }

  @Test
  void summaryIsTheMostRepresentativeSentencesWithinTheLimit() {
    String text =
        "Hi team,\n"
            + "I hope you are well. I have been a customer for years.\n"
            + "My card was charged twice for the March invoice, 49 euros each time.\n"
            + "Please look into the double charge on my credit card.\n"
            + "Best regards, Tom";
    Insight insight = analyse("Tom", text);
    assertThat(insight.intent()).isEqualTo(Intent.BILLING);
    assertThat(insight.summary()).contains("charged twice").doesNotContain("Best regards");
    assertThat(insight.summary().length()).isLessThanOrEqualTo(Insight.SUMMARY_MAX);
    // Extractive: every sentence of the summary is a sentence of the message.
    for (String sentence : EmbeddedAnalyzer.sentences(insight.summary())) {
      assertThat(text.replace('\n', ' ')).contains(sentence);
    }
  }

  @Test
  void aLongMessageGetsAShortSummaryAndAnIntent() {
    String text = "The app crashes whenever I open the settings page. ".repeat(80);
    Analysis.Accepted result = analyzer.analyse(Analyzer.Message.of("Ann", text));
    assertThat(result.insight().intent()).isEqualTo(Intent.TECHNICAL_ISSUE);
    assertThat(result.insight().summary().codePointCount(0, result.insight().summary().length()))
        .isLessThanOrEqualTo(Insight.SUMMARY_MAX);
  }

  @Test
  void oneEndlessSentenceIsCutAtAWord() {
    Insight insight = analyse("Ann", "please help " + "with my invoice ".repeat(40));
    assertThat(insight.summary()).endsWith("…");
    assertThat(insight.summary().codePointCount(0, insight.summary().length()))
        .isLessThanOrEqualTo(Insight.SUMMARY_MAX);
  }

  @Test
  void controlCharactersAndBlankTextDoNotBreakTheContract() {
    Insight insight = analyse("Ann", "\u0000\u0007  \r\n ");
    assertThat(insight.summary()).isNotBlank().doesNotContain("\u0000");
    assertThat(insight.suggestedReply()).isNotBlank();
  }

  @Test
  void sentimentAndUrgencyFollowTheLexiconAndTheIntent() {
    Insight angry =
        analyse("Ann", "This is unacceptable, I was promised a call back and nobody called!");
    assertThat(angry.sentiment()).isEqualTo(Sentiment.NEGATIVE);
    Insight happy = analyse("Ann", "I love the new design, great job and thanks!");
    assertThat(happy.sentiment()).isEqualTo(Sentiment.POSITIVE);
    assertThat(happy.urgency()).isEqualTo(Urgency.LOW);
    Insight notHappy = analyse("Ann", "The new version is not good, the colours are dull.");
    assertThat(notHappy.sentiment()).isEqualTo(Sentiment.NEGATIVE);
    Insight urgent = analyse("Ann", "Someone hacked my account, please lock it immediately");
    assertThat(urgent.urgency()).isEqualTo(Urgency.HIGH);
    Insight plain = analyse("Ann", "Can I change the delivery address of my order?");
    assertThat(plain.urgency()).isEqualTo(Urgency.NORMAL);
    assertThat(plain.sentiment()).isEqualTo(Sentiment.NEUTRAL);
  }

  /**
   * A message whose language the detector will not name (stored as null) is classified by the
   * examples of the language the caller reads it with (the function: its likeliest), and still
   * answered with the English macros; the analyzer does not guess a language of its own.
   */
  @Test
  void anUnsureMessageIsClassifiedByTheExamplesOfTheLanguageItIsReadWith() {
    String text = "Mot de passe perdu"; // too short to be named, French by its likeliest language
    Analyzer.Message unsure = Analyzer.Message.of("Ana Lima", text);

    Insight inFrench = analyzer.analyse(unsure.withLanguage(null, "fr")).insight();
    assertThat(inFrench.intent()).isEqualTo(Intent.ACCOUNT_ACCESS);
    assertThat(inFrench.suggestedReply()).startsWith("Hi Ana, ");

    // Read in no language: the English sentence embeddings, which take it for something else.
    Intent unread = analyzer.analyse(unsure).insight().intent();
    assertThat(unread)
        .isEqualTo(analyzer.withoutLanguages().analyse(unsure).insight().intent())
        .isNotEqualTo(Intent.ACCOUNT_ACCESS);
  }

  @Test
  void theModelIsNamed() {
    assertThat(analyzer.model()).isEqualTo("embedded:all-minilm-l6-v2-q");
  }
}
