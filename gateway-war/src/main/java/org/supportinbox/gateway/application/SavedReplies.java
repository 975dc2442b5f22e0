package org.supportinbox.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.supportinbox.auth.Caller;
import org.supportinbox.contracts.rest.SavedReplyView;
import org.supportinbox.platform.WireJson;

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

  @Inject AuditLog audit;

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
   * with its id (subject) and title and shortcut (detail), read just before: the audit log is the
   * gateway's, so the entry names what was deleted while it still could be read. If it was changed
   * between that read and the deletion, the entry has the title before the change; the id is what
   * identifies it.
   */
  public Messaging.Answer delete(String operatorToken, Caller admin, UUID id) {
    Messaging.Answer found = messaging.savedReply(operatorToken, id);
    if (!found.ok()) {
      return found;
    }
    SavedReplyView reply = WireJson.JSONB.fromJson(found.body(), SavedReplyView.class);
    Messaging.Answer deleted = messaging.deleteSavedReply(operatorToken, id);
    if (deleted.status() == 204) {
      audit.recordDone(
          Instant.now().truncatedTo(ChronoUnit.MICROS),
          admin.subject(),
          DELETED,
          id.toString(),
          null,
          "title \"" + reply.title() + "\", shortcut /" + reply.shortcut());
    }
    return deleted;
  }
}
