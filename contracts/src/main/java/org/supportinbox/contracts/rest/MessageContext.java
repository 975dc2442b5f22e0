package org.supportinbox.contracts.rest;

import java.util.List;

/**
 * A message and, oldest first, up to a requested number of the messages of its conversation stored
 * just before it: what an analyser needs to read the message in context.
 */
public record MessageContext(MessageView message, List<MessageView> previous) {}
