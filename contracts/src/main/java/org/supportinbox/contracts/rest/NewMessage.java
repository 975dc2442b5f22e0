package org.supportinbox.contracts.rest;

import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.Required;
import org.supportinbox.contracts.Sender;

/**
 * The body of messaging's {@code POST /messages}: a message to store. The gateway builds it (for
 * customers and operators), messaging reads it.
 *
 * @param conversationId null only when a customer starts a new conversation
 * @param sender {@code customer} or {@code operator} (a {@link Sender}'s wire form)
 * @param senderName who wrote it; only the gateway's service token may name a sender
 * @param customerEmail used only when a customer message creates the conversation
 * @param clientMessageId the sender's idempotency key within the conversation
 * @param internal {@code true}: an operators' note (operators only); absent or null is false
 * @param attachmentIds files uploaded to this conversation by the same side ({@code POST
 *     /conversations/{id}/attachments}) and not sent yet, bound to the message in its transaction,
 *     in this order; absent, null or empty for none
 */
public record NewMessage(
    UUID conversationId,
    @Required String sender,
    String senderName,
    String customerEmail,
    @Required String content,
    String clientMessageId,
    Boolean internal,
    List<String> attachmentIds) {

  /** Most files of one message. */
  public static final int MAX_ATTACHMENTS = InboundAttachment.MAX_COUNT;

  /** A message without files. */
  public NewMessage(
      UUID conversationId,
      String sender,
      String senderName,
      String customerEmail,
      String content,
      String clientMessageId,
      Boolean internal) {
    this(
        conversationId,
        sender,
        senderName,
        customerEmail,
        content,
        clientMessageId,
        internal,
        null);
  }

  /** A customer's message; {@code email} only counts when it starts the conversation. */
  public static NewMessage fromCustomer(
      UUID conversationId, String name, String email, String content, String clientMessageId) {
    return fromCustomer(conversationId, name, email, content, clientMessageId, null);
  }

  /** A customer's message with the files the customer uploaded for it. */
  public static NewMessage fromCustomer(
      UUID conversationId,
      String name,
      String email,
      String content,
      String clientMessageId,
      List<String> attachmentIds) {
    return new NewMessage(
        conversationId,
        Sender.CUSTOMER.wire(),
        name,
        email,
        content,
        clientMessageId,
        null,
        attachmentIds == null || attachmentIds.isEmpty() ? null : attachmentIds);
  }

  /** An operator's reply, or note ({@code internal}), into an existing conversation. */
  public static NewMessage fromOperator(
      UUID conversationId, String name, String content, String clientMessageId, boolean internal) {
    return fromOperator(conversationId, name, content, clientMessageId, internal, null);
  }

  /** An operator's reply or note with the files the operator uploaded for it. */
  public static NewMessage fromOperator(
      UUID conversationId,
      String name,
      String content,
      String clientMessageId,
      boolean internal,
      List<String> attachmentIds) {
    return new NewMessage(
        conversationId,
        Sender.OPERATOR.wire(),
        name,
        null,
        content,
        clientMessageId,
        internal ? Boolean.TRUE : null,
        attachmentIds == null || attachmentIds.isEmpty() ? null : attachmentIds);
  }
}
