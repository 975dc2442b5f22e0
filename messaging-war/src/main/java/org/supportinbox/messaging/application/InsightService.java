package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.supportinbox.contracts.rest.AiInsightView;
import org.supportinbox.contracts.rest.InsightReport;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.messaging.domain.AiInsight;
import org.supportinbox.messaging.domain.AttachmentRepository;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.ConversationRepository;
import org.supportinbox.messaging.domain.InsightRepository;
import org.supportinbox.messaging.domain.InsightRules;
import org.supportinbox.messaging.domain.InvalidValueException;
import org.supportinbox.messaging.domain.Message;
import org.supportinbox.messaging.domain.MessageRepository;
import org.supportinbox.messaging.domain.NotFoundException;

/**
 * Stores what AI functions report (an idempotent upsert keyed by message id) and requests to
 * analyse a message again.
 *
 * <p>Lock order, in both: the insight row, then the conversation row. Keeping one order means two
 * of these on one message can wait for each other but never deadlock.
 */
@ApplicationScoped
public class InsightService {

  private static final Logger LOG = Logger.getLogger(InsightService.class.getName());

  @Inject MessageRepository messages;

  @Inject ConversationRepository conversations;

  @Inject InsightRepository insights;

  @Inject ApplicationEvents events;

  @Inject AttachmentRepository attachments;

  /** The insight as stored after the report, and whether this call created it. */
  public record Stored(AiInsightView insight, boolean created) {}

  @Transactional
  public Stored upsert(InsightReport report) {
    InsightRules.check(report);
    Message message = messages.find(report.messageId());
    if (message == null) {
      throw new NotFoundException("message", report.messageId());
    }
    if (message.internal()) {
      throw new InvalidValueException("message_id", "message " + message.id() + " is a note");
    }
    if (!message.conversationId().equals(report.conversationId())) {
      throw new InvalidValueException(
          "conversation_id",
          "conversation_id does not match: message "
              + message.id()
              + " belongs to conversation "
              + message.conversationId());
    }
    Instant now = Clock.now();
    boolean inserted = insights.addProcessingIfAbsent(message, now);
    AiInsight insight = insights.findForUpdate(message.id());
    boolean changed = insight.apply(report, now);
    if (changed) {
      conversations.findForUpdate(message.conversationId()).insightStored(insight);
    }
    LOG.info(
        () ->
            "insight "
                + (changed ? "stored" : "kept (terminal, report was processing)")
                + " message_id="
                + message.id()
                + " status="
                + insight.status().wire());
    return new Stored(Views.insight(insight), inserted);
  }

  /**
   * Sets the message's insight back to {@code processing} with its results cleared (creating it
   * when the message had none) and records {@code ai.requested}, in one transaction. This is the
   * one way to undo a terminal insight: {@link #upsert} keeps those against {@code processing}
   * reports.
   *
   * @param requestedBy the caller's token subject, carried by the event
   */
  @Transactional
  public MessageView reanalyze(UUID messageId, String requestedBy) {
    Message message = messages.find(messageId);
    if (message == null) {
      throw new NotFoundException("message", messageId);
    }
    if (message.internal()) {
      throw new InvalidValueException("id", "a note is not analysed");
    }
    Instant now = Clock.now();
    insights.addProcessingIfAbsent(message, now);
    AiInsight insight = insights.findForUpdate(message.id());
    insight.reanalysisRequested(now);
    // The conversation row lock also orders this event among the conversation's message.created
    // events, as MessageService does (see OutboxRelay).
    conversations.findForUpdate(message.conversationId()).insightStored(insight);
    MessageView view =
        Views.message(
            message,
            insight,
            null,
            attachments.ofMessages(List.of(message.id())).get(message.id()));
    events.aiWasRequested(view, requestedBy);
    return view;
  }
}
