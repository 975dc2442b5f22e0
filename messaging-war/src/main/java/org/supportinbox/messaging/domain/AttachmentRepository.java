package org.supportinbox.messaging.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.supportinbox.contracts.Sender;

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

  /** Stores {@code file}, uploaded by {@code sender}'s {@code uploadedBy}, waiting to be sent. */
  Attachment.Upload addUpload(
      UUID conversationId, Sender sender, String uploadedBy, Attachment.New file, Instant now);

  /** How many uploads of {@code sender} wait in {@code conversationId}. */
  long waitingUploads(UUID conversationId, Sender sender);

  /**
   * Moves the upload {@code uploadId} of {@code sender} in the message's conversation to the
   * message (already added, in the caller's transaction) as its file number {@code position},
   * keeping its id; false when there is no such upload waiting (unknown, another conversation, the
   * other side's, or sent already).
   */
  boolean bindUpload(Message message, Sender sender, UUID uploadId, int position);

  /** Deletes the uploads made before {@code cutoff} and never sent; answers how many. */
  int purgeUploads(Instant cutoff);
}
