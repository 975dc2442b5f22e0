package org.supportinbox.messaging.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.AiStatus;
import org.supportinbox.web.InvalidInputException;

class InsightReportTest {

  private static InsightReport available(String intent, String sentiment, String urgency) {
    return new InsightReport(
        UUID.randomUUID(),
        UUID.randomUUID(),
        AiStatus.AVAILABLE,
        intent,
        "summary",
        "reply",
        sentiment,
        urgency,
        "phi3:mini",
        1,
        null,
        120L);
  }

  @Test
  void anAvailableReportWithEveryFieldIsAccepted() {
    assertEquals("refund", available("refund", "negative", "high").intent());
  }

  @Test
  void valuesOutsideTheVocabulariesAreRefusedNamingTheField() {
    assertEquals(
        "intent",
        assertThrows(InvalidInputException.class, () -> available("Refund", "neutral", "low"))
            .field());
    assertEquals(
        "sentiment",
        assertThrows(InvalidInputException.class, () -> available("refund", "angry", "low"))
            .field());
    assertEquals(
        "urgency",
        assertThrows(InvalidInputException.class, () -> available("refund", "neutral", "urgent"))
            .field());
  }

  @Test
  void anAvailableReportNeedsEveryOutputField() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> available(null, "neutral", "low"));
    assertEquals("missing_field", e.code());
    assertEquals("intent", e.field());
  }

  @Test
  void anUnavailableReportNeedsAReason() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                new InsightReport(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    AiStatus.UNAVAILABLE,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    3,
                    null,
                    null));
    assertEquals("error", e.field());
  }
}
