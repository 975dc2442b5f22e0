package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One hit of an operator's search ({@code GET /search}).
 *
 * <p>{@code matchedIn} says which text matched: {@code message} (a customer message, an operator
 * reply or a note: {@code messageId} is that message), {@code summary} (the AI summary of the
 * customer message {@code messageId}) or {@code customer} (the customer's name or email: {@code
 * messageId} is null and {@code createdAt} is the conversation's last activity). A message whose
 * text and summary both match is one hit, {@code message}.
 *
 * <p>{@code snippet} is plain text (never markup): the best fragments of the matched text. {@code
 * highlights} are the matched words in it as {@code [start, end)} offsets in UTF-16 code units, the
 * indices of a JavaScript string.
 */
public record SearchResult(
    UUID conversationId,
    UUID messageId,
    String customerName,
    String matchedIn,
    boolean internal,
    String snippet,
    List<Highlight> highlights,
    Instant createdAt,
    String status) {

  /** A matched word in the snippet, {@code [start, end)} in UTF-16 code units. */
  public record Highlight(int start, int end) {}
}
