package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.supportinbox.contracts.Channel;
import org.supportinbox.contracts.Sender;
import org.supportinbox.contracts.WireEnum;
import org.supportinbox.contracts.events.MessageCreated;
import org.supportinbox.contracts.rest.MessageContext;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.contracts.rest.NewMessage;
import org.supportinbox.messaging.config.MessagingConfig;
import org.supportinbox.messaging.domain.AiInsight;
import org.supportinbox.messaging.domain.Attachment;
import org.supportinbox.messaging.domain.AttachmentRepository;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.Conversation;
import org.supportinbox.messaging.domain.ConversationRepository;
import org.supportinbox.messaging.domain.EmailDelivery;
import org.supportinbox.messaging.domain.EmailDeliveryRepository;
import org.supportinbox.messaging.domain.InsightRepository;
import org.supportinbox.messaging.domain.InvalidValueException;
import org.supportinbox.messaging.domain.Message;
import org.supportinbox.messaging.domain.MessageRepository;
import org.supportinbox.messaging.domain.NotFoundException;

/**
 * Stores messages (the message, its pending insight and its event commit together or not at all)
 * and reads one message in its context.
 */
@ApplicationScoped
public class MessageService {

  private static final Logger LOG = Logger.getLogger(MessageService.class.getName());

  /** Name a customer gets when the first message does not say one. */
  static final String DEFAULT_CUSTOMER_NAME = "Customer";

  @Inject ConversationRepository conversations;

  @Inject MessageRepository messages;

  @Inject InsightRepository insights;

  @Inject EmailDeliveryRepository deliveries;

  @Inject AttachmentRepository attachments;

  @Inject AttachmentService attachmentService;

  @Inject ApplicationEvents events;

  @Inject MessagingConfig config;

  /**
   * The stored message, and whether it was stored now ({@code false}: the idempotency key named a
   * message stored before, which is returned unchanged).
   */
  public record Posted(MessageView message, boolean created) {}

  /**
   * Stores {@code cmd} (validated by the REST layer). A customer message with an unknown
   * conversation id (or none) creates the conversation; an operator message needs an existing one.
   *
   * <p>The conversation row is locked first, so messages of one conversation are stored, and their
   * outbox rows numbered, in one order: the order the relay publishes them in.
   */
  @Transactional
  public Posted post(NewMessage cmd) {
    Sender sender =
        WireEnum.parse(Sender.class, cmd.sender())
            .orElseThrow(() -> new InvalidValueException("sender", "unknown sender"));
    Instant now = Clock.now();
    UUID conversationId = cmd.conversationId() != null ? cmd.conversationId() : UUID.randomUUID();
    Conversation conversation = conversations.findForUpdate(conversationId);
    if (conversation == null && sender == Sender.CUSTOMER) {
      conversations.createIfAbsent(
          conversationId,
          cmd.senderName() != null ? cmd.senderName() : DEFAULT_CUSTOMER_NAME,
          cmd.customerEmail(),
          now);
      conversation = conversations.findForUpdate(conversationId);
    }
    if (conversation == null) {
      throw new NotFoundException("conversation", conversationId);
    }
    Message message =
        new Message(
            conversationId,
            sender,
            cmd.senderName(),
            cmd.content(),
            cmd.clientMessageId(),
            Boolean.TRUE.equals(cmd.internal()),
            now);
    MessageView stored =
        append(
            conversation,
            message,
            List.of(),
            cmd.attachmentIds() == null
                ? List.of()
                : cmd.attachmentIds().stream().map(UUID::fromString).toList());
    if (stored != null) {
      return new Posted(stored, true);
    }
    // The idempotency key was taken: nothing was written, the earlier message is the answer.
    Message m = messages.byClientId(conversationId, cmd.clientMessageId()).orElseThrow();
    if (m.sender() != sender || m.internal() != Boolean.TRUE.equals(cmd.internal())) {
      throw new InvalidValueException(
          "client_message_id",
          "client_message_id was used for another kind of message in this conversation");
    }
    LOG.fine(() -> "idempotent replay message_id=" + m.id());
    return new Posted(view(m), false);
  }

  /** A stored message's view, everything read again (an idempotent replay's answer). */
  MessageView view(Message m) {
    return Views.message(
        m,
        insights.find(m.id()),
        deliveries.find(m.id()),
        attachments.ofMessages(List.of(m.id())).get(m.id()));
  }

  /**
   * Adds {@code message} to {@code conversation} (locked by the caller, in its transaction): the
   * message, its pending insight when its sender is analysed, the conversation's latest activity,
   * and their events. An operator's reply (not a note) in an email conversation also queues its
   * mail ({@code email_deliveries}, {@code email.delivery_changed}) in the same transaction, so the
   * reply is stored and its mail queued together or not at all; in a chat conversation whose
   * customer gave an email, it schedules the email fallback ({@code EMAIL_FALLBACK_AFTER}) the same
   * way. Its {@code files} (sanitised, typed and within limits) are stored in the same transaction
   * too: a message is never stored without its files, nor files without their message.
   */
  MessageView append(Conversation conversation, Message message, List<Attachment.New> files) {
    return append(conversation, message, files, List.of());
  }

  /**
   * As above, and the waiting {@code uploads} of the message's sender in the conversation become
   * its files too ({@link AttachmentService#bind}: one that is not is a 400 that rolls everything
   * back). A replayed idempotency key binds nothing: the earlier message is the answer.
   */
  MessageView append(
      Conversation conversation, Message message, List<Attachment.New> files, List<UUID> uploads) {
    AiInsight insight =
        config.analysedSenders().contains(message.sender()) && !message.internal()
            ? AiInsight.processing(message)
            : null;
    boolean reopened = conversation.messageAdded(message);
    if (!messages.addIfNew(message, insight, conversation)) {
      conversations.discardChanges(conversation);
      return null;
    }
    conversations.written(conversation);
    List<Attachment> stored = attachments.add(message, files);
    if (!uploads.isEmpty()) {
      attachmentService.bind(message, uploads);
      stored = attachments.ofMessages(List.of(message.id())).getOrDefault(message.id(), List.of());
    }
    EmailDelivery delivery = null;
    if (message.sender() == Sender.OPERATOR && !message.internal()) {
      if (conversation.channel() == Channel.EMAIL) {
        delivery = EmailDelivery.queued(message);
      } else if (conversation.customerEmail() != null) {
        delivery =
            config
                .emailFallbackAfter()
                .map(after -> EmailDelivery.fallback(message, after))
                .orElse(null);
        if (delivery != null && conversation.emailToken() == null) {
          // The fallback mail's reply address carries it: the customer's answer by mail threads
          // into this conversation (MailService#receive).
          conversation.giveEmailToken(MailService.newToken());
        }
      }
      if (delivery != null) {
        deliveries.add(delivery);
      }
    }
    MessageView view = Views.message(message, insight, delivery, stored);
    // An analysed message's event carries what the AI function reads it in: no GET per analysis.
    events.messageWasCreated(view, insight == null ? null : aiContext(message));
    if (reopened) {
      events.conversationWasUpdated(conversation); // after message.created, in the same order
    }
    if (delivery != null) {
      events.emailDeliveryChanged(delivery);
    }
    return view;
  }

  /**
   * The context {@link #context} would give the AI function for {@code message} (just added, in
   * this transaction), as its {@code message.created} carries it; null when it does not fit {@link
   * MessageCreated.AiContext}'s bounds or is not settled yet (the function then asks with {@code
   * GET /messages/{id}/context}). The same rules as that route: no operators' notes, thread order.
   */
  MessageCreated.AiContext aiContext(Message message) {
    int window = MessageCreated.AiContext.MAX_MESSAGES;
    MessageRepository.ContextBefore found = messages.contextBefore(message, window);
    List<MessageRepository.Earlier> earlier = new ArrayList<>(found.newestFirst());
    List<MessageCreated.AiContext.Message> previous = new ArrayList<>(earlier.size());
    Collections.reverse(earlier);
    for (MessageRepository.Earlier m : earlier) {
      String content = m.content();
      if (content != null
          && content.codePointCount(0, content.length()) > MessageCreated.AiContext.MAX_TEXT) {
        return null; // never cut: the function reads it whole through the GET
      }
      previous.add(
          new MessageCreated.AiContext.Message(m.sender().wire(), m.senderName(), content));
    }
    return found
        .settledSummary()
        .map(summary -> new MessageCreated.AiContext(window, previous, summary.orElse(null)))
        .orElse(null);
  }

  /**
   * The message with its insight, and up to {@code limit} messages of its conversation stored
   * before it (by {@code created_at}, then {@code id}, the thread's order), oldest first.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public MessageContext context(UUID id, int limit) {
    Message message = messages.find(id);
    if (message == null) {
      throw new NotFoundException("message", id);
    }
    List<Message> previous = new ArrayList<>();
    if (limit > 0) {
      previous.addAll(messages.before(message, limit));
      Collections.reverse(previous);
    }
    List<UUID> ids = new ArrayList<>(previous.size() + 1);
    ids.add(message.id());
    previous.forEach(m -> ids.add(m.id()));
    Map<UUID, AiInsight> byMessage = insights.ofMessages(ids);
    Map<UUID, List<Attachment>> files = attachments.ofMessages(ids);
    return new MessageContext(
        Views.message(message, byMessage.get(message.id()), null, files.get(message.id())),
        previous.stream()
            .map(m -> Views.message(m, byMessage.get(m.id()), null, files.get(m.id())))
            .toList(),
        insights.summaryBefore(message));
  }
}
