package org.supportinbox.contracts.rest;

import java.util.List;

/**
 * A message and, oldest first, up to a requested number of the messages of its conversation stored
 * just before it: what an analyser needs to read the message in context.
 *
 * @param conversationSummary the latest conversation summary written for an earlier message of the
 *     conversation (what an analyser updates), null when there is none
 */
public record MessageContext(
    MessageView message, List<MessageView> previous, String conversationSummary) {}
