package org.supportinbox.messaging.domain;

import java.util.List;
import java.util.UUID;

/** Saved replies (the port; {@code infrastructure.jpa.JpaSavedReplyRepository} stores them). */
public interface SavedReplyRepository {

  /**
   * Every saved reply whose title or shortcut contains {@code text} (any case; null: all), by title
   * (any case), then id.
   */
  List<SavedReply> matching(String text);

  SavedReply find(UUID id);

  /** The reply, its row locked until the transaction ends, or null. */
  SavedReply findForUpdate(UUID id);

  /**
   * Stores a new reply now, not at commit, so that a taken shortcut is found here.
   *
   * @throws DuplicateValueException (field {@code shortcut}) when another reply has its shortcut
   */
  void add(SavedReply reply);

  /**
   * Writes the changes of a reply found in this transaction now.
   *
   * @throws DuplicateValueException (field {@code shortcut}) when another reply has its shortcut
   */
  void update(SavedReply reply);

  /** Deletes the reply; whether there was one. */
  boolean delete(UUID id);
}
