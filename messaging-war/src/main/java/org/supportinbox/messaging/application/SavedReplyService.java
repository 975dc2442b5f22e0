package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.rest.SavedReplyChange;
import org.supportinbox.contracts.rest.SavedReplyDraft;
import org.supportinbox.contracts.rest.SavedReplyView;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.NotFoundException;
import org.supportinbox.messaging.domain.SavedReply;
import org.supportinbox.messaging.domain.SavedReplyRepository;

/**
 * The team's library of saved replies: listed and read by operators, created and changed by any
 * operator, deleted by admins (the REST layer checks the roles and the values). Each call is one
 * transaction, so a refused one stores nothing. No event: the library changes rarely and every
 * reader asks for it when it needs it.
 */
@ApplicationScoped
public class SavedReplyService {

  @Inject SavedReplyRepository replies;

  /** By title; only those whose title or shortcut contains {@code text} (null: all). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<SavedReplyView> list(String text) {
    return replies.matching(text).stream().map(Views::savedReply).toList();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public SavedReplyView get(UUID id) {
    SavedReply reply = replies.find(id);
    if (reply == null) {
      throw new NotFoundException("saved_reply", id);
    }
    return Views.savedReply(reply);
  }

  /** A new reply by {@code author} (a display name from the token); 409 for a taken shortcut. */
  @Transactional
  public SavedReplyView create(SavedReplyDraft draft, String author) {
    SavedReply reply =
        new SavedReply(draft.title(), draft.shortcut(), draft.body(), author, Clock.now());
    replies.add(reply);
    return Views.savedReply(reply);
  }

  /** Changes the fields given (null: kept); {@code editor} becomes the last to have changed it. */
  @Transactional
  public SavedReplyView change(UUID id, SavedReplyChange change, String editor) {
    SavedReply reply = replies.findForUpdate(id);
    if (reply == null) {
      throw new NotFoundException("saved_reply", id);
    }
    reply.edit(change.title(), change.shortcut(), change.body(), editor, Clock.now());
    replies.update(reply);
    return Views.savedReply(reply);
  }

  @Transactional
  public void delete(UUID id) {
    if (!replies.delete(id)) {
      throw new NotFoundException("saved_reply", id);
    }
  }
}
