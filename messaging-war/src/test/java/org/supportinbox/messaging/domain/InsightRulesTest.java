package org.supportinbox.messaging.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.AiStatus;
import org.supportinbox.contracts.InsightSource;
import org.supportinbox.contracts.rest.InsightReport;

class InsightRulesTest {

  private static InsightReport available(String intent, String sentiment, String urgency) {
    InsightReport report =
        new InsightReport(
            UUID.randomUUID(),
            UUID.randomUUID(),
            AiStatus.AVAILABLE.wire(),
            intent,
            "summary",
            "reply",
            sentiment,
            urgency,
            "phi3:mini",
            1,
            null,
            120L,
            "de",
            null,
            null,
            null);
    InsightRules.check(report);
    return report;
  }

  @Test
  void anAvailableReportWithEveryFieldIsAccepted() {
    assertEquals("refund", available("refund", "negative", "high").intent());
  }

  @Test
  void valuesOutsideTheVocabulariesAreRefusedNamingTheField() {
    assertEquals(
        "intent",
        assertThrows(InvalidValueException.class, () -> available("Refund", "neutral", "low"))
            .field());
    assertEquals(
        "sentiment",
        assertThrows(InvalidValueException.class, () -> available("refund", "angry", "low"))
            .field());
    assertEquals(
        "urgency",
        assertThrows(InvalidValueException.class, () -> available("refund", "neutral", "urgent"))
            .field());
  }

  @Test
  void anAvailableReportNeedsEveryOutputField() {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> available(null, "neutral", "low"));
    assertEquals("missing_field", e.code());
    assertEquals("intent", e.field());
  }

  @Test
  void anUnavailableReportNeedsAReason() {
    InvalidValueException e =
        assertThrows(
            InvalidValueException.class,
            () ->
                InsightRules.check(
                    new InsightReport(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        AiStatus.UNAVAILABLE.wire(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        3,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)));
    assertEquals("error", e.field());
  }

  @Test
  void anUnknownStatusIsRefused() {
    InsightReport report =
        new InsightReport(
            UUID.randomUUID(),
            UUID.randomUUID(),
            "done",
            null,
            null,
            null,
            null,
            null,
            null,
            1,
            null,
            null,
            null,
            null,
            null,
            null);
    assertEquals(
        "status",
        assertThrows(InvalidValueException.class, () -> InsightRules.check(report)).field());
  }

  @Test
  void aLanguageIsOptionalAndOtherwiseAnIso6391Code() {
    for (String language : new String[] {null, "de", "pt"}) {
      InsightRules.check(withLanguage(language));
    }
    for (String language : new String[] {"DE", "deu", "de-AT", "", "<b>"}) {
      assertEquals(
          "language",
          assertThrows(
                  InvalidValueException.class,
                  () -> InsightRules.check(withLanguage(language)),
                  language)
              .field());
    }
  }

  private static InsightReport withLanguage(String language) {
    return new InsightReport(
        UUID.randomUUID(),
        UUID.randomUUID(),
        AiStatus.AVAILABLE.wire(),
        "refund",
        "summary",
        "reply",
        "neutral",
        "normal",
        "embedded:all-minilm-l6-v2-q",
        1,
        null,
        12L,
        language,
        null,
        null,
        null);
  }

  private static InsightReport withSources(String replyBasis, List<InsightSource> sources) {
    return new InsightReport(
        UUID.randomUUID(),
        UUID.randomUUID(),
        AiStatus.AVAILABLE.wire(),
        "refund",
        "summary",
        "reply",
        "neutral",
        "normal",
        "phi3:mini",
        1,
        null,
        12L,
        "en",
        sources,
        replyBasis,
        null);
  }

  @Test
  void sourcesAndTheReplyBasisAreOptionalAndOtherwiseChecked() {
    UUID article = UUID.randomUUID();
    InsightRules.check(withSources(null, null));
    InsightRules.check(
        withSources("knowledge", List.of(new InsightSource("article", article, "Refunds", 0.71))));
    assertEquals(
        "reply_basis",
        assertThrows(
                InvalidValueException.class,
                () -> InsightRules.check(withSources("guess", List.of())))
            .field());
    for (InsightSource bad :
        List.of(
            new InsightSource("web", article, "Refunds", 0.5),
            new InsightSource("article", article, " ", 0.5),
            new InsightSource("article", article, "x".repeat(201), 0.5),
            new InsightSource("article", article, "Refunds", 1.5),
            new InsightSource("article", article, "Refunds", Double.NaN))) {
      assertEquals(
          "sources",
          assertThrows(
                  InvalidValueException.class,
                  () -> InsightRules.check(withSources("knowledge", List.of(bad))),
                  bad.toString())
              .field());
    }
    List<InsightSource> nine = new java.util.ArrayList<>();
    for (int i = 0; i < 9; i++) {
      nine.add(new InsightSource("article", article, "Refunds " + i, 0.5));
    }
    assertEquals(
        "sources",
        assertThrows(
                InvalidValueException.class,
                () -> InsightRules.check(withSources("knowledge", nine)))
            .field());
  }
}
