package org.supportinbox.functions.analyze.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.functions.analyze.KnowledgePassage;

class PassageReplyTest {

  private static final String RETURNS =
      "# Returns\n\nWe want you to be happy with your order. Items can be returned within 14 days"
          + " of delivery. Print the return label from your account page. Refunds reach your"
          + " account within 5 business days after we receive the item.";

  private static KnowledgePassage passage(String language, double score) {
    return new KnowledgePassage(UUID.randomUUID(), "Returns", RETURNS, language, score);
  }

  @Test
  void theAnsweringSentencesFollowAGreetingWithTheFirstName() {
    Optional<PassageReply.Answer> answer =
        PassageReply.answer(
            List.of(passage("en", 0.7)),
            "How many days do I have to return an item after delivery?",
            "Ada",
            "en");
    assertThat(answer).isPresent();
    assertThat(answer.get().reply())
        .isEqualTo(
            "Hi Ada,\n\nItems can be returned within 14 days of delivery. Refunds reach your"
                + " account within 5 business days after we receive the item.");
  }

  @Test
  void aPassageBelowTheThresholdOrInAnotherLanguageDoesNotAnswer() {
    assertThat(
            PassageReply.answer(
                List.of(passage("en", PassageReply.THRESHOLD - 0.01)), "return?", "Ada", "en"))
        .isEmpty();
    assertThat(PassageReply.answer(List.of(passage("en", 0.9)), "Rückgabe?", "Ada", "de"))
        .isEmpty();
  }

  @Test
  void theBestPassageInTheCustomersLanguageAnswersInThatLanguage() {
    KnowledgePassage german =
        new KnowledgePassage(
            UUID.randomUUID(),
            "Rückgabe",
            "Artikel können innerhalb von 14 Tagen zurückgegeben werden. Das Etikett finden Sie"
                + " im Konto.",
            "de",
            0.6);
    Optional<PassageReply.Answer> answer =
        PassageReply.answer(
            List.of(passage("en", 0.9), german),
            "Wie viele Tage habe ich für die Rückgabe?",
            null,
            "de");
    assertThat(answer).isPresent();
    assertThat(answer.get().passage()).isSameAs(german);
    assertThat(answer.get().reply()).startsWith("Hallo,\n\nArtikel können innerhalb von 14 Tagen");
  }

  @Test
  void withoutSharedWordsTheFirstSentencesAnswer() {
    assertThat(PassageReply.sentences(RETURNS, "xyz", "en"))
        .isEqualTo(
            "We want you to be happy with your order. Items can be returned within 14 days of"
                + " delivery.");
  }
}
