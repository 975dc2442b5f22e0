package org.supportinbox.messaging.application;

import java.util.List;
import org.supportinbox.contracts.rest.AiInsightView;
import org.supportinbox.contracts.rest.ArticleView;
import org.supportinbox.contracts.rest.AttachmentView;
import org.supportinbox.contracts.rest.ConversationSummary;
import org.supportinbox.contracts.rest.ConversationView;
import org.supportinbox.contracts.rest.CustomerView;
import org.supportinbox.contracts.rest.EmailDeliveryView;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.contracts.rest.SavedReplyView;
import org.supportinbox.messaging.domain.AiInsight;
import org.supportinbox.messaging.domain.Article;
import org.supportinbox.messaging.domain.Attachment;
import org.supportinbox.messaging.domain.Conversation;
import org.supportinbox.messaging.domain.EmailDelivery;
import org.supportinbox.messaging.domain.Message;
import org.supportinbox.messaging.domain.SavedReply;

/** Maps entities to the wire views of {@code contracts}. */
final class Views {

  private Views() {}

  /**
   * {@code delivery}: the reply's mail in an email conversation, else null; {@code files}: the
   * message's attachments (null: none).
   */
  static MessageView message(
      Message m, AiInsight insight, EmailDelivery delivery, List<Attachment> files) {
    return new MessageView(
        m.id(),
        m.conversationId(),
        m.sender().wire(),
        m.senderName(),
        m.content(),
        m.clientMessageId(),
        m.internal(),
        m.createdAt(),
        insight == null ? null : insight(insight),
        delivery == null ? null : delivery(delivery, m),
        files == null ? List.of() : files.stream().map(Views::attachment).toList());
  }

  static AttachmentView attachment(Attachment a) {
    return new AttachmentView(a.id(), a.filename(), a.contentType(), a.size());
  }

  static EmailDeliveryView delivery(EmailDelivery d, Message m) {
    return new EmailDeliveryView(
        d.status().wire(),
        d.attempts(),
        d.lastError(),
        m.emailMessageId(),
        d.updatedAt(),
        d.sentAt(),
        d.kind().wire(),
        d.dueAt());
  }

  static AiInsightView insight(AiInsight i) {
    return new AiInsightView(
        i.status().wire(),
        i.intent(),
        i.summary(),
        i.suggestedReply(),
        i.sentiment(),
        i.urgency(),
        i.model(),
        i.attempts(),
        i.error(),
        i.latencyMs(),
        i.createdAt(),
        i.updatedAt(),
        i.language(),
        i.sources(),
        i.replyBasis(),
        i.conversationSummary());
  }

  static ConversationView conversation(Conversation c, List<MessageView> messages) {
    return new ConversationView(
        c.id(),
        c.status().wire(),
        customer(c),
        c.assignee(),
        c.snoozedUntil(),
        c.createdAt(),
        c.updatedAt(),
        c.lastMessageAt(),
        messages,
        c.channel().wire());
  }

  static ConversationSummary summary(Conversation c) {
    return summary(c, null);
  }

  /** The list's row; {@code unread} null when the list was not asked for a reader. */
  static ConversationSummary summary(Conversation c, Integer unread) {
    return new ConversationSummary(
        c.id(),
        c.status().wire(),
        customer(c),
        c.assignee(),
        c.snoozedUntil(),
        c.createdAt(),
        c.updatedAt(),
        c.lastMessageAt(),
        c.lastMessagePreview(),
        c.lastMessageSender() == null ? null : c.lastMessageSender().wire(),
        c.latestIntent(),
        c.latestUrgency(),
        unread,
        c.channel().wire());
  }

  private static CustomerView customer(Conversation c) {
    return new CustomerView(c.customerName(), c.customerEmail());
  }

  static SavedReplyView savedReply(SavedReply r) {
    return new SavedReplyView(
        r.id(),
        r.title(),
        r.shortcut(),
        r.body(),
        r.createdBy(),
        r.createdAt(),
        r.updatedBy(),
        r.updatedAt());
  }

  static ArticleView article(Article a) {
    return new ArticleView(
        a.id(),
        a.title(),
        a.body(),
        a.tags(),
        a.language(),
        a.createdBy(),
        a.createdAt(),
        a.updatedBy(),
        a.updatedAt(),
        a.version());
  }
}
