package org.supportinbox.gateway.application;

import java.util.Map;
import java.util.UUID;
import org.supportinbox.contracts.rest.NewMessage;

/**
 * Messaging's API as the gateway's use cases call it (the port; {@code
 * infrastructure.messaging.HttpMessagingClient} is the adapter). Every call answers messaging's
 * status and JSON body, or throws {@link MessagingUnavailableException} when messaging cannot
 * answer: never a hang.
 */
public interface Messaging {

  /** What messaging answered: its status and JSON body. */
  record Answer(int status, String body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * A download: messaging's status and, when it is 200, the bytes with messaging's {@code
   * Content-Type} and {@code Content-Disposition} (module platform's {@code Downloads}); otherwise
   * its JSON error {@code body}.
   */
  record Download(int status, String body, byte[] bytes, String contentType, String disposition) {
    public boolean ok() {
      return status == 200;
    }
  }

  /**
   * {@code GET /attachments/{id}}; with {@code conversationId} (a customer's download) only a file
   * of that conversation that the customer may see, else messaging's 404.
   */
  Download attachment(UUID id, UUID conversationId);

  /**
   * {@code POST /conversations/{id}/attachments}: a file waiting for its message. With {@code
   * operatorToken} as that operator; without (null), with the gateway's token as {@code sender}
   * ({@code customer}). {@code encodedName} is the checked {@code X-Filename}.
   */
  Answer upload(
      String operatorToken,
      UUID conversationId,
      String sender,
      String encodedName,
      String contentType,
      byte[] bytes);

  /** {@code POST /messages}. */
  Answer storeMessage(NewMessage message);

  /** {@code GET /conversations} with these query parameters, in order (messaging validates). */
  Answer conversations(Map<String, String> parameters);

  /** {@code GET /conversations/counts}, {@code mine} counted for {@code assignee}. */
  Answer counts(String assignee);

  /**
   * {@code GET /search} with the caller's query parameters, in order, passed on as they are
   * (messaging validates them).
   */
  Answer search(Map<String, String> parameters);

  /** {@code GET /conversations/{id}}. */
  Answer conversation(UUID id);

  /** {@code GET /conversations/{id}/related}: the customer's other conversations. */
  Answer relatedConversations(UUID id);

  /**
   * {@code PATCH /conversations/{id}} with the caller's body ({@code ConversationChange}) passed on
   * as it is: absent and {@code null} fields mean different things there, and messaging validates
   * it.
   */
  Answer changeConversation(UUID id, String body);

  /**
   * {@code PUT /conversations/{id}/read} with the operator's own token: messaging takes the reader
   * from it; {@code body} ({@code ReadMark}) null sends none.
   */
  Answer markRead(String operatorToken, UUID conversationId, String body);

  /**
   * {@code PUT /conversations/{id}/customer-read} (the gateway's own token, for the customer of
   * that conversation); {@code body} ({@code ReadMark}) null sends none.
   */
  Answer customerRead(UUID conversationId, String body);

  /**
   * {@code POST /messages/{id}/reanalyze} with the operator's own token, so that messaging records
   * the operator (not the gateway) in {@code requested_by}; {@code body} null sends none.
   */
  Answer reanalyze(String operatorToken, UUID messageId, String body);

  // The saved replies are called with the operator's own token, never the gateway's: messaging
  // checks the role itself (only admins delete) and takes the author from the token.

  /** {@code GET /saved-replies}, {@code ?q=} when {@code query} is not null. */
  Answer savedReplies(String operatorToken, String query);

  /** {@code GET /saved-replies/{id}}. */
  Answer savedReply(String operatorToken, UUID id);

  /** {@code POST /saved-replies} with the caller's body ({@code SavedReplyDraft}) as it is. */
  Answer createSavedReply(String operatorToken, String body);

  /** {@code PATCH /saved-replies/{id}} with the caller's body ({@code SavedReplyChange}). */
  Answer changeSavedReply(String operatorToken, UUID id, String body);

  /** {@code DELETE /saved-replies/{id}}: 204 when it was deleted. */
  Answer deleteSavedReply(String operatorToken, UUID id);

  // The knowledge base, like the saved replies, with the operator's own token.

  /**
   * {@code GET /kb/articles} with the caller's query parameters, in order (messaging validates).
   */
  Answer articles(String operatorToken, Map<String, String> parameters);

  /** {@code GET /kb/articles/{id}}. */
  Answer article(String operatorToken, UUID id);

  /** {@code POST /kb/articles} with the caller's body ({@code ArticleDraft}) as it is. */
  Answer createArticle(String operatorToken, String body);

  /** {@code PUT /kb/articles/{id}} with the caller's body ({@code ArticleDraft}) as it is. */
  Answer putArticle(String operatorToken, UUID id, String body);

  /** {@code DELETE /kb/articles/{id}}: 204 when it was deleted. */
  Answer deleteArticle(String operatorToken, UUID id);

  // Feedback on AI insights and the AI quality figures, with the caller's own token too: messaging
  // records the operator from it and checks the role (only admins read the figures).

  /** {@code POST /messages/{id}/feedback} with the caller's body ({@code AiFeedback}) as it is. */
  Answer feedback(String operatorToken, UUID messageId, String body);

  /** {@code GET /ai-quality}, {@code from} and {@code to} passed on when not null. */
  Answer aiQuality(String adminToken, String from, String to);

  /**
   * {@code PUT /ai-quality/corrections/{message_id}} with the admin's body ({@code
   * AiCorrectionReview}) as it is.
   */
  Answer reviewCorrection(String adminToken, UUID messageId, String body);
}
