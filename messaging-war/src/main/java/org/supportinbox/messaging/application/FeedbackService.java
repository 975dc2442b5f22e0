package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;
import org.supportinbox.contracts.AiStatus;
import org.supportinbox.contracts.FeedbackAction;
import org.supportinbox.contracts.rest.AiQualityFigures;
import org.supportinbox.contracts.rest.AiQualityReport;
import org.supportinbox.contracts.rest.FeedbackView;
import org.supportinbox.messaging.domain.AiInsight;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.Feedback;
import org.supportinbox.messaging.domain.FeedbackRepository;
import org.supportinbox.messaging.domain.FeedbackRepository.Grouping;
import org.supportinbox.messaging.domain.InsightRepository;
import org.supportinbox.messaging.domain.InvalidValueException;
import org.supportinbox.messaging.domain.Message;
import org.supportinbox.messaging.domain.MessageRepository;
import org.supportinbox.messaging.domain.NotFoundException;

/**
 * What operators did with AI insights (stored with the insight's model, intent, sentiment and
 * urgency at the time), and the AI quality figures computed from it. The REST layer has checked the
 * action and its ratio or value; a call is one transaction, so a refused one stores nothing. No
 * event: the admins' review of intent corrections ({@link ExampleService}) is what the classifier
 * learns from.
 */
@ApplicationScoped
public class FeedbackService {

  private static final Logger LOG = Logger.getLogger(FeedbackService.class.getName());

  /** The corrections the AI quality report lists. */
  static final int CORRECTIONS = 50;

  @Inject MessageRepository messages;

  @Inject InsightRepository insights;

  @Inject FeedbackRepository feedback;

  /**
   * Records {@code operator}'s feedback on the message's insight, replacing their earlier one of
   * the same kind. 404 for an unknown message; 400 naming {@code id} when the message has no
   * available insight (a note, an operator's reply, an analysis not done or failed), and naming
   * {@code value} when a correction gives the value the insight already has.
   */
  @Transactional
  public FeedbackView record(
      UUID messageId, String operator, FeedbackAction action, Double editRatio, String value) {
    Message message = messages.find(messageId);
    if (message == null) {
      throw new NotFoundException("message", messageId);
    }
    AiInsight insight = insights.find(messageId);
    if (insight == null || insight.status() != AiStatus.AVAILABLE) {
      throw new InvalidValueException(
          "insight_not_available",
          "id",
          "message " + messageId + " has no available AI insight to give feedback on");
    }
    Feedback given = Feedback.on(insight, operator, action, editRatio, value, Clock.now());
    if (action.correction() && value.equals(given.corrected())) {
      throw new InvalidValueException(
          "value", "the insight's " + action.kind() + " is already '" + value + "'");
    }
    feedback.put(given);
    LOG.info(
        () ->
            "ai feedback message_id="
                + messageId
                + " action="
                + action.wire()
                + " model="
                + given.model());
    return view(given);
  }

  /** The figures of the feedback recorded in {@code [from, to)}. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public AiQualityReport quality(Instant from, Instant to) {
    return new AiQualityReport(
        from,
        to,
        feedback.figures(Grouping.ALL, from, to).stream()
            .findFirst()
            .orElse(new AiQualityFigures("all", 0, 0, 0, 0, null, null, 0)),
        feedback.figures(Grouping.MODEL, from, to),
        feedback.figures(Grouping.INTENT, from, to),
        feedback.figures(Grouping.LANGUAGE, from, to),
        feedback.figures(Grouping.DAY, from, to),
        feedback.corrections(from, to, CORRECTIONS),
        feedback.pendingReviews(from, to));
  }

  /** All the feedback recorded, counted by model, intent, language and action (metrics). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public java.util.List<FeedbackRepository.Tally> tallies() {
    return feedback.tallies();
  }

  private static FeedbackView view(Feedback f) {
    return new FeedbackView(
        f.messageId(),
        f.conversationId(),
        f.operator(),
        f.kind(),
        f.action().wire(),
        f.editRatio(),
        f.value(),
        f.model(),
        f.intent(),
        f.sentiment(),
        f.urgency(),
        f.at());
  }
}
