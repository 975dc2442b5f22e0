package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.logging.Logger;
import org.supportinbox.contracts.rest.AiInsightView;
import org.supportinbox.messaging.domain.AiInsight;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.Conversation;
import org.supportinbox.messaging.domain.InsightReport;
import org.supportinbox.messaging.domain.Message;
import org.supportinbox.web.InvalidInputException;
import org.supportinbox.web.UnknownIdException;

/** Stores what AI functions report: an idempotent upsert keyed by message id. */
@ApplicationScoped
public class InsightService {

  private static final Logger LOG = Logger.getLogger(InsightService.class.getName());

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

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
    // Insert-if-absent, then lock: concurrent reports for one message serialise on the row.
    int inserted =
        em.createNativeQuery(
                "insert into ai_insights (message_id, conversation_id, status, attempts,"
                    + " created_at, updated_at) values (?1, ?2, 'processing', 0, ?3, ?3)"
                    + " on conflict (message_id) do nothing")
            .setParameter(1, message.id())
            .setParameter(2, message.conversationId())
            .setParameter(3, now)
            .executeUpdate();
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
    return new Stored(Views.insight(insight), inserted == 1);
  }
}
