package org.supportinbox.contracts.rest;

import java.util.List;
import java.util.UUID;

/**
 * A conversation as its customer sees it ({@code GET /customer/conversation}): status and messages,
 * no AI, no assignee, no email, no operators' notes.
 */
public record CustomerConversationView(
    UUID conversationId, String status, List<CustomerMessageView> messages) {

  public static CustomerConversationView of(ConversationView c) {
    return new CustomerConversationView(
        c.conversationId(),
        c.status(),
        c.messages().stream().filter(m -> !m.internal()).map(CustomerMessageView::of).toList());
  }
}
