package org.supportinbox.contracts.rest;

import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.Required;

/**
 * The body of the gateway's {@code POST /messages}: an operator's reply, or with {@code internal:
 * true} a note for the team that the customer never sees. Sender and name come from the operator's
 * token, never from the body. {@code attachment_ids}: files the operator uploaded to this
 * conversation ({@code POST /conversations/{id}/attachments}) and has not sent yet.
 */
public record OperatorReply(
    @Required UUID conversationId,
    @Required String content,
    String clientMessageId,
    Boolean internal,
    List<String> attachmentIds) {

  /** A reply or note without files. */
  public OperatorReply(
      UUID conversationId, String content, String clientMessageId, Boolean internal) {
    this(conversationId, content, clientMessageId, internal, null);
  }
}
