package org.supportinbox.contracts.rest;

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
 */
public record NewMessage(
    UUID conversationId,
    @Required String sender,
    String senderName,
    String customerEmail,
    @Required String content,
    String clientMessageId,
    Boolean internal) {

  /** A customer's message; {@code email} only counts when it starts the conversation. */
  public static NewMessage fromCustomer(
      UUID conversationId, String name, String email, String content, String clientMessageId) {
    return new NewMessage(
        conversationId, Sender.CUSTOMER.wire(), name, email, content, clientMessageId, null);
  }

  /** An operator's reply, or note ({@code internal}), into an existing conversation. */
  public static NewMessage fromOperator(
      UUID conversationId, String name, String content, String clientMessageId, boolean internal) {
    return new NewMessage(
        conversationId,
        Sender.OPERATOR.wire(),
        name,
        null,
        content,
        clientMessageId,
        internal ? Boolean.TRUE : null);
  }
}
