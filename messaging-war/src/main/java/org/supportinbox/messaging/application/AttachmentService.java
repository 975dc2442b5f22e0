package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.supportinbox.messaging.domain.Attachment;
import org.supportinbox.messaging.domain.AttachmentRepository;
import org.supportinbox.messaging.domain.NotFoundException;

/** Reads a stored file for a download. */
@ApplicationScoped
public class AttachmentService {

  @Inject AttachmentRepository attachments;

  /** A file and its bytes. */
  public record Download(Attachment attachment, byte[] content) {}

  /**
   * The file {@code id}. With {@code conversationId} (a customer's download) only a file of that
   * conversation and of a message the customer may see (not an operators' note); anything else is
   * the same 404 as an unknown id, so a customer learns nothing of other conversations' files.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Download download(UUID id, UUID conversationId) {
    Attachment a = attachments.find(id);
    if (a == null
        || (conversationId != null
            && (!a.conversationId().equals(conversationId) || a.internal()))) {
      throw new NotFoundException("attachment", id);
    }
    byte[] content = attachments.content(id);
    if (content == null) {
      throw new NotFoundException("attachment", id);
    }
    return new Download(a, content);
  }
}
