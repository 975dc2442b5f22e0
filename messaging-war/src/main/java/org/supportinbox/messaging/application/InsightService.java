package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;
import org.supportinbox.contracts.rest.AiInsightView;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.messaging.domain.AiInsight;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.Conversation;
import org.supportinbox.messaging.domain.InsightReport;
import org.supportinbox.messaging.domain.Message;
import org.supportinbox.web.InvalidInputException;
import org.supportinbox.web.UnknownIdException;

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

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Inject ApplicationEvents events;

  /** The insight as stored after the report, and whether this call created it. */
  public record Stored(AiInsightView insight, boolean created) {}

  @Transactional
  public Stored upsert(InsightReport report) {
    Message message = em.find(Message.class, report.messageId());
    if (message == null) {
      throw new UnknownIdException("message", report.messageId());
    }
    if (!message.conversationId().equals(report.conversationId())) {
      throw new InvalidInputException(
          "conversation_id",
          "conversation_id does not match: message "
              + message.id()
              + " belongs to conversation "
              + message.conversationId());
    }
    Instant now = Clock.now();
    boolean inserted = insertIfAbsent(message, now);
    AiInsight insight = em.find(AiInsight.class, message.id(), LockModeType.PESSIMISTIC_WRITE);
    boolean changed = insight.apply(report, now);
    if (changed) {
      Conversation c =
          em.find(Conversation.class, message.conversationId(), LockModeType.PESSIMISTIC_WRITE);
      c.insightStored(insight);
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
    Message message = em.find(Message.class, messageId);
    if (message == null) {
      throw new UnknownIdException("message", messageId);
    }
    Instant now = Clock.now();
    insertIfAbsent(message, now);
    AiInsight insight = em.find(AiInsight.class, message.id(), LockModeType.PESSIMISTIC_WRITE);
    insight.reanalysisRequested(now);
    // The conversation row lock also orders this event among the conversation's message.created
    // events, as MessageService does (see OutboxRelay).
    Conversation c =
        em.find(Conversation.class, message.conversationId(), LockModeType.PESSIMISTIC_WRITE);
    c.insightStored(insight);
    events.aiWasRequested(message, requestedBy);
    return Views.message(message, insight);
  }

  /**
   * Inserts a {@code processing} insight for {@code message} unless it has one; returns whether it
   * did. Insert-if-absent, then the caller locks the row: concurrent calls for one message
   * serialise on it instead of failing on the primary key.
   */
  private boolean insertIfAbsent(Message message, Instant now) {
    return em.createNativeQuery(
                "insert into ai_insights (message_id, conversation_id, status, attempts,"
                    + " created_at, updated_at) values (?1, ?2, 'processing', 0, ?3, ?3)"
                    + " on conflict (message_id) do nothing")
            .setParameter(1, message.id())
            .setParameter(2, message.conversationId())
            .setParameter(3, now)
            .executeUpdate()
        == 1;
  }
}
