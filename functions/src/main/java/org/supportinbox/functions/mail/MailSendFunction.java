package org.supportinbox.functions.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.supportinbox.contracts.DeliveryStatus;
import org.supportinbox.contracts.events.EmailDeliveryChanged;
import org.supportinbox.contracts.rest.AttachmentView;
import org.supportinbox.contracts.rest.DeliveryReport;
import org.supportinbox.contracts.rest.InboundAttachment;
import org.supportinbox.contracts.rest.OutboundEmail;
import org.supportinbox.functions.runtime.ConfirmedPublisher;
import org.supportinbox.functions.runtime.EventFunction;
import org.supportinbox.functions.runtime.Json;

/**
 * Sends the mail of an operator's reply, on {@code email.delivery_changed} with status {@code
 * queued} and no attempt yet: the event of a reply in an email conversation, or of a chat reply's
 * email fallback that fell due (messaging queues it then; its {@code scheduled} event and a {@code
 * not_needed} one are ignored); or {@code requeued}: messaging's sweep queued it again after the
 * claim of a replica that stopped mid-send lapsed. Other {@code queued} events are messaging's
 * record of a retry this function already schedules through the runtime's retry queues, with their
 * back-off.
 *
 * <p>Sent at most once, as far as SMTP allows: the function claims the delivery from messaging
 * first and sends only while it holds it (another replica, or a redelivery of the same event, gets
 * no claim while it is held and nothing once it is sent); the mail's {@code Message-ID} is fixed by
 * the reply's id, the same on every try; a mail the SMTP server took is remembered until messaging
 * has recorded it, so a failed report is retried without sending again. What remains is a crash in
 * the instant between the SMTP server's answer and that record: the mail then goes out again with
 * the same {@code Message-ID}, which mail programs show once.
 */
final class MailSendFunction implements EventFunction {

  private static final Logger LOG = Logger.getLogger(MailSendFunction.class.getName());

  private final MailMessagingClient messaging;
  private final SmtpSender smtp;
  private final String domain;

  /** {@code ATTACHMENT_MAX_BYTES}: the most bytes of one file fetched for a mail. */
  private final long attachmentMaxBytes;

  /** Replies the SMTP server took whose sending messaging has not recorded yet. */
  private final Set<UUID> sentNotRecorded = ConcurrentHashMap.newKeySet();

  MailSendFunction(
      MailMessagingClient messaging, SmtpSender smtp, String domain, long attachmentMaxBytes) {
    this.messaging = messaging;
    this.smtp = smtp;
    this.domain = domain;
    this.attachmentMaxBytes = attachmentMaxBytes;
  }

  @Override
  public List<String> routingKeys() {
    return List.of(EmailDeliveryChanged.TYPE);
  }

  @Override
  public Outcome handle(Delivery delivery, ConfirmedPublisher publisher) {
    EmailDeliveryChanged event;
    try {
      event = Json.MAPPER.readValue(delivery.body(), EmailDeliveryChanged.class);
    } catch (JsonProcessingException e) {
      return new Outcome.Poison("unreadable event: " + e.getOriginalMessage());
    } catch (IOException e) {
      return new Outcome.Poison("unreadable event: " + e);
    }
    if (event.messageId() == null
        || !DeliveryStatus.QUEUED.wire().equals(event.status())
        || (event.attempts() != 0 && !event.requeued())) {
      return new Outcome.Done("ignored");
    }
    UUID id = event.messageId();
    try {
      if (sentNotRecorded.contains(id)) {
        return recordSent(id, SmtpSender.messageId(id, domain));
      }
      OutboundEmail out = messaging.claim(id);
      if (!out.granted()) {
        String status = out.delivery().status();
        if (DeliveryStatus.SENT.wire().equals(status)
            || DeliveryStatus.FAILED.wire().equals(status)
            || DeliveryStatus.NOT_NEEDED.wire().equals(status)) {
          return new Outcome.Done("already_" + status);
        }
        if (DeliveryStatus.SCHEDULED.wire().equals(status)) {
          // An email fallback not due yet: messaging queues it (a new event) when it is.
          return new Outcome.Done("not_due");
        }
        return new Outcome.Retry("held_elsewhere", "another replica holds message_id=" + id);
      }
      String messageId = SmtpSender.messageId(id, domain);
      MimeMessage mail;
      try {
        mail = smtp.build(out, messageId, files(out));
        smtp.send(mail);
      } catch (SmtpSender.PermanentException e) {
        // Messaging away now: the runtime retries, which claims again and fails again, unsent.
        messaging.report(id, new DeliveryReport(DeliveryReport.FAILED, e.getMessage(), null));
        LOG.warning("mail of message_id=" + id + " failed for good: " + e.getMessage());
        return new Outcome.Done("failed");
      } catch (SmtpSender.TransientException e) {
        if (delivery.last()) {
          messaging.report(
              id,
              new DeliveryReport(
                  DeliveryReport.FAILED,
                  "gave up after " + out.delivery().attempts() + " tries: " + e.getMessage(),
                  null));
          LOG.warning("mail of message_id=" + id + " given up: " + e.getMessage());
          return new Outcome.Done("failed");
        }
        reportRetry(id, e.getMessage());
        return new Outcome.Retry("smtp_unavailable", e.getMessage());
      }
      sentNotRecorded.add(id);
      LOG.info(
          "sent mail of message_id="
              + id
              + " conversation_id="
              + out.conversationId()
              + " as <"
              + messageId
              + ">");
      return recordSent(id, messageId);
    } catch (MailMessagingClient.UnavailableException e) {
      return new Outcome.Retry("messaging_unreachable", e.getMessage());
    } catch (MailMessagingClient.RefusedException e) {
      if (e.status == 404) {
        return new Outcome.Done("no_delivery");
      }
      return new Outcome.Poison("messaging refused: " + e.getMessage());
    }
  }

  /**
   * The reply's files, fetched from messaging: each at most {@code ATTACHMENT_MAX_BYTES}, all at
   * most {@link InboundAttachment#MAX_TOTAL_BYTES} (messaging binds no more to a message); over
   * that, the mail fails for good rather than going out without them.
   */
  private List<SmtpSender.MailFile> files(OutboundEmail out)
      throws MailMessagingClient.UnavailableException, SmtpSender.PermanentException {
    if (out.attachments() == null || out.attachments().isEmpty()) {
      return List.of();
    }
    List<SmtpSender.MailFile> files = new ArrayList<>(out.attachments().size());
    long total = 0;
    for (AttachmentView a : out.attachments()) {
      total += a.size();
      if (a.size() > attachmentMaxBytes || total > InboundAttachment.MAX_TOTAL_BYTES) {
        throw new SmtpSender.PermanentException(
            "the reply's files are larger than a mail may carry (" + total + " bytes)", null);
      }
      byte[] bytes;
      try {
        bytes = messaging.attachment(out.messageId(), a.id(), attachmentMaxBytes);
      } catch (MailMessagingClient.RefusedException e) {
        throw new SmtpSender.PermanentException(
            "a file of the reply cannot be had: " + e.getMessage(), e);
      }
      files.add(new SmtpSender.MailFile(a.filename(), a.contentType(), bytes));
    }
    return List.copyOf(files);
  }

  private Outcome recordSent(UUID id, String messageId)
      throws MailMessagingClient.UnavailableException, MailMessagingClient.RefusedException {
    messaging.report(id, new DeliveryReport(DeliveryReport.SENT, null, messageId));
    sentNotRecorded.remove(id);
    return new Outcome.Done("sent");
  }

  /**
   * Records the reason of a failed try for operators to see. Messaging being away then is only
   * logged: the retry goes ahead all the same (the claim lapses or is this replica's again).
   */
  private void reportRetry(UUID id, String reason) throws MailMessagingClient.RefusedException {
    try {
      messaging.report(id, new DeliveryReport(DeliveryReport.RETRY, reason, null));
    } catch (MailMessagingClient.UnavailableException e) {
      LOG.warning("cannot record the failed try of message_id=" + id + ": " + e.getMessage());
    } catch (MailMessagingClient.RefusedException e) {
      if (e.status != 409) {
        throw e;
      }
      LOG.info("the claim of message_id=" + id + " lapsed before the report: " + e.getMessage());
    }
  }
}
