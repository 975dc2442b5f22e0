package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.supportinbox.contracts.rest.AiExample;
import org.supportinbox.contracts.rest.AiExamplePage;
import org.supportinbox.messaging.domain.AiInsight;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.ExampleRepository;
import org.supportinbox.messaging.domain.FeedbackRepository;
import org.supportinbox.messaging.domain.InsightRepository;
import org.supportinbox.messaging.domain.InvalidValueException;
import org.supportinbox.messaging.domain.Message;
import org.supportinbox.messaging.domain.MessageRepository;
import org.supportinbox.messaging.domain.NotFoundException;

/**
 * The admins' review of operators' intent corrections, and the feed of the decisions the AI
 * functions read (docs/ai.md#feedback): an approved correction is the message's text with the
 * corrected intent, a labelled example of the embedded classifier. The REST layer has checked the
 * intent and status are of the vocabularies.
 */
@ApplicationScoped
public class ExampleService {

  private static final Logger LOG = Logger.getLogger(ExampleService.class.getName());

  @Inject MessageRepository messages;

  @Inject InsightRepository insights;

  @Inject FeedbackRepository feedback;

  @Inject ExampleRepository examples;

  /**
   * {@code reviewer}'s decision on the correction of the message's intent to {@code intent}. 404
   * for an unknown message; 400 naming {@code intent} when no operator corrected the message's
   * intent to it and no admin decided on it before (a decision can be changed after the operator
   * changed their correction). Copies the message's text and the insight's language as they are
   * now.
   */
  @Transactional
  public AiExample review(UUID messageId, String intent, String status, String reviewer) {
    Message message = messages.find(messageId);
    if (message == null) {
      throw new NotFoundException("message", messageId);
    }
    examples.lockReviews();
    if (!feedback.intentCorrected(messageId, intent) && !examples.decided(messageId, intent)) {
      throw new InvalidValueException(
          "no_such_correction",
          "intent",
          "no operator corrected the intent of message " + messageId + " to '" + intent + "'");
    }
    AiInsight insight = insights.find(messageId);
    AiExample decided =
        examples.decide(
            messageId,
            intent,
            message.content(),
            insight == null ? null : insight.language(),
            status,
            reviewer,
            Clock.now());
    LOG.info(
        () ->
            "ai example message_id="
                + messageId
                + " intent="
                + intent
                + " status="
                + status
                + " seq="
                + decided.seq());
    return decided;
  }

  /** The decisions after position {@code after}, at most {@code limit}. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public AiExamplePage after(long after, int limit) {
    List<AiExample> page = examples.after(after, limit + 1);
    boolean more = page.size() > limit;
    List<AiExample> items = more ? page.subList(0, limit) : page;
    long cursor = items.isEmpty() ? after : items.get(items.size() - 1).seq();
    return new AiExamplePage(List.copyOf(items), cursor, more);
  }
}
