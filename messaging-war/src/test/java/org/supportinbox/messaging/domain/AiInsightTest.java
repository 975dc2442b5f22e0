package org.supportinbox.messaging.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.AiStatus;
import org.supportinbox.contracts.Sender;
import org.supportinbox.contracts.rest.InsightReport;

class AiInsightTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.000001Z");

  private final Message message =
      new Message(UUID.randomUUID(), Sender.CUSTOMER, "Ann", "Refund please", null, false, T0);

  private InsightReport report(AiStatus status, int attempts) {
    boolean available = status == AiStatus.AVAILABLE;
    return new InsightReport(
        message.id(),
        message.conversationId(),
        status.wire(),
        available ? "refund" : null,
        available ? "Wants the money back." : null,
        available ? "Refund started." : null,
        available ? "negative" : null,
        available ? "high" : null,
        "phi3:mini",
        attempts,
        status == AiStatus.UNAVAILABLE ? "model timed out" : null,
        850L,
        available ? "en" : null,
        List.of(),
        available ? "macro" : null,
        available ? "Wants a refund; nothing done yet." : null);
  }

  @Test
  void aReanalysisClearsTheResultAndKeepsAttemptsAndCreation() {
    AiInsight insight = AiInsight.processing(message);
    assertTrue(insight.apply(report(AiStatus.AVAILABLE, 2), T0.plusSeconds(1)));

    insight.reanalysisRequested(T0.plusSeconds(60));

    assertEquals(AiStatus.PROCESSING, insight.status());
    assertNull(insight.intent());
    assertNull(insight.summary());
    assertNull(insight.suggestedReply());
    assertNull(insight.sentiment());
    assertNull(insight.urgency());
    assertNull(insight.model());
    assertNull(insight.error());
    assertNull(insight.latencyMs());
    assertEquals(2, insight.attempts());
    assertEquals(T0, insight.createdAt());
    assertEquals(T0.plusSeconds(60), insight.updatedAt());
  }

  @Test
  void onlyAnExplicitRequestUndoesATerminalInsight() {
    AiInsight insight = AiInsight.processing(message);
    insight.apply(report(AiStatus.UNAVAILABLE, 3), T0.plusSeconds(1));
    assertFalse(insight.apply(report(AiStatus.PROCESSING, 4), T0.plusSeconds(2)), "late report");
    assertEquals(AiStatus.UNAVAILABLE, insight.status());

    insight.reanalysisRequested(T0.plusSeconds(3));
    assertEquals(AiStatus.PROCESSING, insight.status());
    assertNull(insight.error());
    // processing again, so the analyser's reports are taken as usual
    assertTrue(insight.apply(report(AiStatus.PROCESSING, 4), T0.plusSeconds(4)));
    assertEquals(4, insight.attempts());
  }

  @Test
  void theListForgetsTheLatestMessagesIntentWhileItIsAnalysedAgain() {
    Conversation conversation = new Conversation();
    conversation.messageAdded(message);
    AiInsight insight = AiInsight.processing(message);
    insight.apply(report(AiStatus.AVAILABLE, 1), T0.plusSeconds(1));
    conversation.insightStored(insight);
    assertEquals("refund", conversation.latestIntent());
    assertEquals("high", conversation.latestUrgency());

    insight.reanalysisRequested(T0.plusSeconds(2));
    conversation.insightStored(insight);
    assertNull(conversation.latestIntent());
    assertNull(conversation.latestUrgency());
  }
}
