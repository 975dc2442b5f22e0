package org.supportinbox.contracts.rest;

import java.util.List;
import org.supportinbox.contracts.Required;

/**
 * The body of the gateway's {@code POST /customer/messages}: a message into the token's own
 * conversation. {@code attachment_ids}: files the customer uploaded ({@code POST
 * /customer/attachments}) and has not sent yet.
 */
public record CustomerMessage(
    @Required String content, String clientMessageId, List<String> attachmentIds) {

  /** A message without files. */
  public CustomerMessage(String content, String clientMessageId) {
    this(content, clientMessageId, null);
  }
}
