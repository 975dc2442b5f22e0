package org.supportinbox.contracts.rest;

import java.util.List;

/**
 * A page of the inbox list; pass {@code nextCursor} back as {@code cursor}, null on the last page.
 */
public record ConversationPage(List<ConversationSummary> items, String nextCursor) {}
