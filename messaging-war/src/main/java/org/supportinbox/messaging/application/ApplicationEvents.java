package org.supportinbox.messaging.application;

import java.time.Instant;
import java.util.UUID;
import org.supportinbox.contracts.events.MessageCreated;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.messaging.domain.Article;
import org.supportinbox.messaging.domain.Conversation;
import org.supportinbox.messaging.domain.EmailDelivery;

/**
 * The facts messaging tells the rest of the system. Called inside the use case's transaction: the
 * implementation records the event in the outbox, so it is published if and only if the data
 * commits.
 */
public interface ApplicationEvents {

  /**
   * A message was stored; {@code stored} is its view (contracts builds the event from it), {@code
   * aiContext} what the AI function reads it in, or null.
   */
  void messageWasCreated(MessageView stored, MessageCreated.AiContext aiContext);

  /** {@code requestedBy} (a token's subject) asked for {@code stored} to be analysed again. */
  void aiWasRequested(MessageView stored, String requestedBy);

  void conversationWasUpdated(Conversation conversation);

  /** {@code reader}'s read position in the conversation moved forward to {@code readUpTo}. */
  void conversationWasRead(UUID conversationId, String reader, Instant readUpTo);

  /** A knowledge-base article was stored for the first time ({@code article.changed}). */
  void articleWasCreated(Article article);

  /** An article's values changed; {@code article} has the new ones and the new version. */
  void articleWasUpdated(Article article);

  /** {@code article} (as it was last) was deleted {@code at}. */
  void articleWasDeleted(Article article, Instant at);

  /**
   * The mail of an operator's reply was queued (with the reply, or again for a retry), sent or
   * given up ({@code email.delivery_changed}); {@code delivery} has its new state.
   */
  void emailDeliveryChanged(EmailDelivery delivery);

  /**
   * The claim of a try lapsed without a report and {@code delivery} is {@code queued} again ({@code
   * email.delivery_changed} with {@code requeued}: the mail function sends on it).
   */
  void emailDeliveryRequeued(EmailDelivery delivery);
}
