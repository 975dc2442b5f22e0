package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.supportinbox.contracts.Channel;
import org.supportinbox.contracts.DeliveryStatus;
import org.supportinbox.contracts.Sender;
import org.supportinbox.contracts.rest.DeliveryReport;
import org.supportinbox.contracts.rest.EmailDeliveryView;
import org.supportinbox.contracts.rest.InboundEmail;
import org.supportinbox.contracts.rest.OutboundEmail;
import org.supportinbox.messaging.domain.Attachment;
import org.supportinbox.messaging.domain.AttachmentRepository;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.Conversation;
import org.supportinbox.messaging.domain.ConversationRepository;
import org.supportinbox.messaging.domain.EmailDelivery;
import org.supportinbox.messaging.domain.EmailDeliveryRepository;
import org.supportinbox.messaging.domain.Message;
import org.supportinbox.messaging.domain.MessageRepository;
import org.supportinbox.messaging.domain.NotFoundException;
import org.supportinbox.platform.ConflictException;

/**
 * The email channel's use cases, for the mail function: a mail read from the support mailbox
 * becomes a message (once per {@code Message-ID}), and the mail of an operator's reply is claimed,
 * then reported sent, to be retried, or failed.
 *
 * <p>Threading: a mail joins the conversation of the latest mail it names in {@code References} or
 * {@code In-Reply-To} (a stored mail id, or the id of one of our replies, whose local part is the
 * reply's message id), else the conversation whose token it carries; and only when it comes from
 * that conversation's customer address, so a guessed or leaked token cannot write into someone
 * else's conversation: such a mail starts a conversation of its own instead.
 */
@ApplicationScoped
public class MailService {

  private static final Logger LOG = Logger.getLogger(MailService.class.getName());

  /** How long a claim holds a delivery: far longer than one SMTP exchange takes. */
  public static final Duration LEASE = Duration.ofSeconds(120);

  /**
   * How long after a claim ran out {@link #requeueLapsedClaims} takes it up: time for the retries
   * of the holder's own event, or another replica's, to claim it first.
   */
  public static final Duration LAPSE_GRACE = Duration.ofSeconds(30);

  /** The most tries claimed before a delivery whose claims keep lapsing is given up. */
  public static final int MAX_ATTEMPTS = 25;

  /** Longest subject kept (the rest of a longer one is cut). */
  static final int MAX_SUBJECT = 200;

  private static final String TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject ConversationRepository conversations;

  @Inject MessageRepository messages;

  @Inject EmailDeliveryRepository deliveries;

  @Inject AttachmentRepository attachments;

  @Inject MessageService messageService;

  @Inject ApplicationEvents events;

  /**
   * Stores {@code mail} (validated by the REST layer) as a customer message: in the conversation it
   * answers, or in a new email conversation. A mail whose {@code message_id} is stored already is
   * not stored again: the earlier message is returned, {@code created} false. Concurrent calls for
   * the same mail wait for each other on an advisory lock of its id. The mail's {@code files}
   * (sanitised, typed and within limits) are stored with the message, in its transaction.
   */
  @Transactional
  public MessageService.Posted receive(InboundEmail mail, List<Attachment.New> files) {
    messages.lockMailId(mail.messageId());
    Optional<Message> earlier = messages.byEmailMessageId(mail.messageId());
    if (earlier.isPresent()) {
      Message m = earlier.get();
      LOG.info(() -> "mail read again, stored once email_message_id=" + mail.messageId());
      return new MessageService.Posted(messageService.view(m), false);
    }
    Instant now = Clock.now();
    String name = mail.fromName() != null ? mail.fromName() : localPart(mail.fromAddress());
    Conversation conversation = thread(mail);
    if (conversation == null) {
      UUID id = UUID.randomUUID();
      conversations.createEmail(
          id, name, mail.fromAddress(), subject(mail.subject()), newToken(), now);
      conversation = conversations.findForUpdate(id);
    }
    Message message =
        Message.fromMail(conversation.id(), name, mail.content(), mail.messageId(), now);
    return new MessageService.Posted(messageService.append(conversation, message, files), true);
  }

  /** The email conversation {@code mail} answers, locked, or null (it starts a new one). */
  private Conversation thread(InboundEmail mail) {
    List<String> named = new ArrayList<>(mail.references());
    named.addAll(mail.inReplyTo()); // the answered mail last
    Optional<UUID> byId = messages.conversationOfMail(named);
    if (byId.isEmpty()) {
      byId = ourReply(named);
    }
    Conversation c = byId.map(conversations::findForUpdate).orElse(null);
    String how = "references";
    if (c == null && mail.token() != null) {
      Conversation byToken = conversations.byEmailToken(mail.token());
      c = byToken == null ? null : conversations.findForUpdate(byToken.id());
      how = "token";
    }
    if (c == null) {
      return null;
    }
    // A chat conversation is answered by mail once its email fallback gave the customer its token.
    if ((c.channel() != Channel.EMAIL && c.emailToken() == null)
        || !sameAddress(c.customerEmail(), mail.fromAddress())) {
      UUID other = c.id();
      LOG.info(
          () ->
              "mail names conversation_id="
                  + other
                  + " but does not come from its customer's address; it starts a new one");
      return null;
    }
    String found = how;
    UUID id = c.id();
    LOG.fine(() -> "mail threaded by " + found + " into conversation_id=" + id);
    return c;
  }

  /**
   * The conversation of the latest of {@code ids} that is one of our replies' mail ids ({@code
   * <message id>@<support domain>}), even when its sending was never recorded (a crash between the
   * SMTP server's answer and the report).
   */
  private Optional<UUID> ourReply(List<String> ids) {
    for (int i = ids.size() - 1; i >= 0; i--) {
      String id = ids.get(i);
      int at = id.indexOf('@');
      if (at != 36) {
        continue;
      }
      UUID messageId;
      try {
        messageId = UUID.fromString(id.substring(0, at));
      } catch (IllegalArgumentException e) {
        continue; // not one of ours
      }
      Message m = messages.find(messageId);
      if (m != null && m.sender() == Sender.OPERATOR && deliveries.find(m.id()) != null) {
        return Optional.of(m.conversationId());
      }
    }
    return Optional.empty();
  }

  /**
   * {@code worker} (a token's subject) asks to send the reply {@code messageId}'s mail: the mail,
   * and whether the caller holds it now (see {@link EmailDelivery#claim}). An email fallback is not
   * granted before it is due, and one whose reply the customer has read is settled {@code
   * not_needed} here, in the claim's transaction, instead of being sent.
   */
  @Transactional
  public OutboundEmail claim(UUID messageId, String worker) {
    EmailDelivery d = deliveries.findForUpdate(messageId);
    if (d == null) {
      throw new NotFoundException("delivery", messageId);
    }
    Message m = messages.find(messageId);
    Conversation c = conversations.find(d.conversationId());
    DeliveryStatus before = d.status();
    boolean granted = d.claim(worker, Clock.now(), LEASE, c.customerHasRead(m));
    if (d.status() == DeliveryStatus.NOT_NEEDED && before != DeliveryStatus.NOT_NEEDED) {
      events.emailDeliveryChanged(d); // the customer read it just before the claim
    }
    List<String> mailIds = new ArrayList<>(messages.mailIds(c.id()));
    mailIds.remove(m.emailMessageId());
    String inReplyTo = mailIds.isEmpty() ? null : mailIds.get(mailIds.size() - 1);
    LOG.info(
        () ->
            (granted ? "delivery claimed" : "delivery not claimed")
                + " message_id="
                + messageId
                + " by="
                + worker
                + " status="
                + d.status().wire()
                + " attempts="
                + d.attempts());
    return new OutboundEmail(
        m.id(),
        c.id(),
        granted,
        (int) LEASE.toSeconds(),
        Views.delivery(d, m),
        c.customerEmail(),
        c.customerName(),
        m.senderName(),
        replySubject(c),
        m.content(),
        inReplyTo,
        List.copyOf(mailIds),
        c.emailToken(),
        attachments.ofMessages(List.of(m.id())).getOrDefault(m.id(), List.of()).stream()
            .map(Views::attachment)
            .toList());
  }

  /**
   * How {@code worker}'s try went. {@code sent} is taken from any worker while the delivery is not
   * settled (the mail is out, whoever held it); {@code retry} and {@code failed} only from the
   * holder of the claim (409 otherwise). A report on a settled delivery changes nothing and answers
   * its state, so a report repeated after a lost answer is harmless.
   */
  @Transactional
  public EmailDeliveryView report(UUID messageId, String worker, DeliveryReport report) {
    EmailDelivery d = deliveries.findForUpdate(messageId);
    if (d == null) {
      throw new NotFoundException("delivery", messageId);
    }
    Message m = messages.find(messageId);
    if (d.settled()) {
      return Views.delivery(d, m);
    }
    Instant now = Clock.now();
    switch (report.outcome()) {
      case DeliveryReport.SENT -> {
        d.sent(now);
        m.sentAsMail(report.emailMessageId());
      }
      case DeliveryReport.RETRY, DeliveryReport.FAILED -> {
        if (!d.heldBy(worker)) {
          throw new ConflictException(
              "outcome", "the delivery is not held by " + worker + "; claim it first");
        }
        if (DeliveryReport.RETRY.equals(report.outcome())) {
          d.retry(report.error(), now);
        } else {
          d.failed(report.error(), now);
        }
      }
      default -> throw new IllegalArgumentException("unknown outcome " + report.outcome());
    }
    events.emailDeliveryChanged(d);
    return Views.delivery(d, m);
  }

  /**
   * Up to {@code limit} deliveries whose claim ran out more than {@link #LAPSE_GRACE} ago with no
   * report, in one transaction: each {@code queued} again with an event the mail function sends on,
   * or {@code failed} after {@link #MAX_ATTEMPTS} tries ({@link EmailDelivery#lapse}). Without
   * this, a delivery whose holder stopped after its event's retries were used up stays {@code
   * sending} for ever. Rows being claimed or reported are skipped. Returns how many were moved.
   */
  @Transactional
  public int requeueLapsedClaims(int limit) {
    Instant now = Clock.now();
    int moved = 0;
    for (EmailDelivery d : deliveries.lapsedClaims(now.minus(LAPSE_GRACE), limit)) {
      if (d.lapse(now, MAX_ATTEMPTS)) {
        if (d.status() == DeliveryStatus.QUEUED) {
          events.emailDeliveryRequeued(d);
        } else {
          events.emailDeliveryChanged(d);
        }
        LOG.warning(
            "delivery of message_id="
                + d.messageId()
                + " conversation_id="
                + d.conversationId()
                + " "
                + d.status().wire()
                + " after its claim lapsed: "
                + d.lastError());
        moved++;
      }
    }
    return moved;
  }

  /** {@code Re: <first subject> [#token]}; a chat's fallback: {@code Re: Your chat [#token]}. */
  static String replySubject(Conversation c) {
    String subject = c.emailSubject() == null ? "" : c.emailSubject();
    String base =
        !subject.isEmpty() ? subject : c.channel() == Channel.CHAT ? "Your chat" : "Your message";
    return "Re: " + base + " [#" + c.emailToken() + "]";
  }

  /** The subject as kept: without a token of ours, cut to {@link #MAX_SUBJECT}. */
  static String subject(String raw) {
    if (raw == null) {
      return "";
    }
    String s = raw.replaceAll("\\s*\\[#[a-z0-9]{12}\\]", "").strip();
    return s.codePointCount(0, s.length()) <= MAX_SUBJECT
        ? s
        : s.substring(0, s.offsetByCodePoints(0, MAX_SUBJECT));
  }

  private static boolean sameAddress(String a, String b) {
    return a != null
        && b != null
        && a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
  }

  private static String localPart(String address) {
    int at = address.indexOf('@');
    return at > 0 ? address.substring(0, at) : address;
  }

  /** A conversation's token: 12 random lower-case letters and digits (62 bits). */
  static String newToken() {
    StringBuilder b = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      b.append(TOKEN_ALPHABET.charAt(RANDOM.nextInt(TOKEN_ALPHABET.length())));
    }
    return b.toString();
  }
}
