package org.supportinbox.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.supportinbox.auth.Caller;
import org.supportinbox.contracts.rest.SavedReplyView;

/**
 * The team's saved replies as the gateway offers them: every call goes to messaging with the
 * operator's own token (messaging checks the role, validates the body and takes the author from the
 * token) and its answer is passed on. A deletion is also an audit entry here.
 */
@ApplicationScoped
public class SavedReplies {

  /** The audit action of a deleted saved reply. */
  public static final String DELETED = "saved_reply.deleted";

  @Inject Messaging messaging;

  @Inject AuditedDelete deletions;

  /** By title; {@code query} (null: all) filters on title and shortcut, in any case. */
  public Messaging.Answer list(String operatorToken, String query) {
    return messaging.savedReplies(operatorToken, query);
  }

  /** A new reply ({@code SavedReplyDraft}), validated by messaging. */
  public Messaging.Answer create(String operatorToken, String body) {
    return messaging.createSavedReply(operatorToken, body);
  }

  /** A change ({@code SavedReplyChange}), validated by messaging. */
  public Messaging.Answer change(String operatorToken, UUID id, String body) {
    return messaging.changeSavedReply(operatorToken, id, body);
  }

  /**
   * Deletes the reply and, once messaging answered {@code 204}, records {@code saved_reply.deleted}
   * with its id (subject) and title and shortcut (detail) ({@link AuditedDelete}).
   */
  public Messaging.Answer delete(String operatorToken, Caller admin, UUID id) {
    return deletions.delete(
        admin,
        DELETED,
        id,
        () -> messaging.savedReply(operatorToken, id),
        SavedReplyView.class,
        reply -> "title \"" + reply.title() + "\", shortcut /" + reply.shortcut(),
        () -> messaging.deleteSavedReply(operatorToken, id));
  }
}
