package org.supportinbox.messaging.application;

import org.supportinbox.messaging.domain.Conversation;
import org.supportinbox.messaging.domain.Message;

/**
 * The facts messaging tells the rest of the system. Called inside the use case's transaction: the
 * implementation records the event in the outbox, so it is published if and only if the data
 * commits.
 */
public interface ApplicationEvents {

  void messageWasCreated(Message message);

  /** {@code requestedBy} (a token's subject) asked for {@code message} to be analysed again. */
  void aiWasRequested(Message message, String requestedBy);

  void conversationWasUpdated(Conversation conversation);
}
