package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.supportinbox.contracts.Sender;
import org.supportinbox.contracts.rest.InboundAttachment;
import org.supportinbox.contracts.rest.NewMessage;
import org.supportinbox.messaging.config.MessagingConfig;
import org.supportinbox.messaging.domain.Attachment;
import org.supportinbox.messaging.domain.AttachmentRepository;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.ConversationRepository;
import org.supportinbox.messaging.domain.InvalidValueException;
import org.supportinbox.messaging.domain.Message;
import org.supportinbox.messaging.domain.NotFoundException;
import org.supportinbox.platform.ConflictException;
import org.supportinbox.platform.TooLargeException;
import org.supportinbox.platform.UnsupportedTypeException;

/**
 * Stored files: reads one for a download; takes a chat upload (typed by its bytes, only images and
 * PDF) that waits for the message sending it; binds uploads to that message; deletes uploads never
 * sent.
 */
@ApplicationScoped
public class AttachmentService {

  private static final Logger LOG = Logger.getLogger(AttachmentService.class.getName());

  /** What a chat upload may be, by its bytes: raster images and PDF. */
  public static final Set<String> UPLOAD_TYPES =
      Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf");

  /** How long an upload waits for its message before it is deleted. */
  public static final Duration UPLOAD_TTL = Duration.ofHours(1);

  /** Most uploads one side may have waiting in one conversation (the files of one message). */
  public static final int MAX_WAITING = NewMessage.MAX_ATTACHMENTS;

  @Inject AttachmentRepository attachments;

  @Inject ConversationRepository conversations;

  @Inject MessagingConfig config;

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

  /**
   * Stores {@code bytes} (at most {@code ATTACHMENT_MAX_BYTES}, checked by the caller while
   * reading) as an upload of {@code sender} in {@code conversationId}, waiting for the message that
   * sends it. The type is the bytes' (Tika), never the name's or the declared one: anything but
   * {@link #UPLOAD_TYPES} is 415. The conversation is locked, so the count of waiting uploads
   * holds.
   */
  @Transactional
  public Attachment.Upload upload(
      UUID conversationId, Sender sender, String uploadedBy, String rawName, byte[] bytes) {
    if (bytes.length == 0) {
      throw new InvalidValueException("body", "the file is empty");
    }
    if (bytes.length > config.attachmentMaxBytes()) {
      throw new TooLargeException(
          "body", "the file is larger than " + config.attachmentMaxBytes() + " bytes");
    }
    String type = AttachmentFiles.sniff(bytes);
    if (!UPLOAD_TYPES.contains(type)) {
      throw new UnsupportedTypeException(
          "body",
          "the file's content is "
              + type
              + "; only images (PNG, JPEG, GIF, WebP) and PDF can be attached");
    }
    if (conversations.findForUpdate(conversationId) == null) {
      throw new NotFoundException("conversation", conversationId);
    }
    if (attachments.waitingUploads(conversationId, sender) >= MAX_WAITING) {
      throw new ConflictException(
          "body",
          "at most "
              + MAX_WAITING
              + " files can wait to be sent in a conversation; send them with a message first");
    }
    String extension = type.equals("application/pdf") ? ".pdf" : "." + type.substring(6);
    Attachment.Upload u =
        attachments.addUpload(
            conversationId,
            sender,
            uploadedBy,
            new Attachment.New(
                AttachmentFiles.filename(rawName, "attachment" + extension), type, bytes),
            Clock.now());
    LOG.info(
        () ->
            "upload stored attachment_id="
                + u.id()
                + " conversation_id="
                + conversationId
                + " sender="
                + sender.wire()
                + " type="
                + u.contentType()
                + " size="
                + u.size());
    return u;
  }

  /**
   * Binds {@code uploadIds} to {@code message} (added in the caller's transaction) in order; one
   * that is not an upload of the message's sender waiting in its conversation is a 400 naming
   * {@code attachment_ids}, which rolls the whole message back: a message is stored with all its
   * files or not at all. Together they are at most {@link InboundAttachment#MAX_TOTAL_BYTES} (413),
   * what one mail carries.
   */
  void bind(Message message, List<UUID> uploadIds) {
    if (uploadIds.size() > NewMessage.MAX_ATTACHMENTS) {
      throw new InvalidValueException(
          "attachment_ids", "at most " + NewMessage.MAX_ATTACHMENTS + " files per message");
    }
    Set<UUID> seen = new HashSet<>();
    List<UUID> ordered = new ArrayList<>(uploadIds);
    for (int i = 0; i < ordered.size(); i++) {
      UUID id = ordered.get(i);
      if (!seen.add(id)) {
        throw new InvalidValueException("attachment_ids", "attachment " + id + " is named twice");
      }
      if (!attachments.bindUpload(message, message.sender(), id, i)) {
        throw new InvalidValueException(
            "attachment_ids",
            "attachment "
                + id
                + " is not a file uploaded to this conversation by this sender and waiting to be"
                + " sent");
      }
    }
    long total =
        attachments.ofMessages(List.of(message.id())).getOrDefault(message.id(), List.of()).stream()
            .mapToLong(Attachment::size)
            .sum();
    if (total > InboundAttachment.MAX_TOTAL_BYTES) {
      throw new TooLargeException(
          "attachment_ids",
          "the files are larger than " + InboundAttachment.MAX_TOTAL_BYTES + " bytes together");
    }
  }

  /** Deletes the uploads older than {@link #UPLOAD_TTL}; answers how many. */
  @Transactional
  public int purgeUploads() {
    return attachments.purgeUploads(Clock.now().minus(UPLOAD_TTL));
  }

  /** For the mail function: a file of the operator reply {@code messageId}, or 404. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Download ofMessage(UUID messageId, UUID id) {
    Attachment a = attachments.find(id);
    if (a == null || !a.messageId().equals(messageId)) {
      throw new NotFoundException("attachment", id);
    }
    return download(id, null);
  }
}
