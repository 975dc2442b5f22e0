package org.supportinbox.messaging.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Files of messages (the port; {@code JpaAttachmentRepository} stores them as bytea). */
public interface AttachmentRepository {

  /**
   * Stores {@code files} of {@code message} (already added, in the caller's transaction), in order;
   * answers their metadata.
   */
  List<Attachment> add(Message message, List<Attachment.New> files);

  /** The metadata of these messages' files, by message id, each list in order. */
  Map<UUID, List<Attachment>> ofMessages(Collection<UUID> messageIds);

  /** The metadata of a conversation's files, by message id, each list in order. */
  Map<UUID, List<Attachment>> ofConversation(UUID conversationId);

  /** A file's metadata, or null. */
  Attachment find(UUID id);

  /** A file's bytes, or null. */
  byte[] content(UUID id);
}
