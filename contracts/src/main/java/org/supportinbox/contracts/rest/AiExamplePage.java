package org.supportinbox.contracts.rest;

import java.util.List;

/**
 * {@code GET /ai/examples?after=N}: the review decisions after position {@code N}, in order. A
 * reader keeps {@code cursor} and asks again with it; {@code more} says a next page is already
 * there.
 *
 * @param examples oldest decision first; a message and intent appear at most once, with their
 *     latest decision
 * @param cursor the {@code seq} of the last item, or the {@code after} asked for when there is none
 */
public record AiExamplePage(List<AiExample> examples, long cursor, boolean more) {}
