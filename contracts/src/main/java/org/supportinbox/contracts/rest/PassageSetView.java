package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the index holds for one source, a knowledge-base article or (opt-in) the operators' answers
 * in a resolved conversation: its passages, or the mark that the article was deleted.
 *
 * @param kind {@code article} or {@code conversation}
 * @param sourceId the article's or the conversation's id
 * @param revision where this set stands in the order of every change to the index (a number from
 *     one sequence, higher for a later change): readers ask for the sets after the last one they
 *     hold ({@code GET /kb/passages?after=})
 * @param version the article version the passages were cut from (for a deleted article, its last
 *     version); 1 for a conversation
 * @param title the article's title when indexed; for a conversation, the first line of the
 *     customer's first message
 * @param language the article's ISO 639-1 code, or null when unknown
 * @param deleted the article was deleted: a reader drops what it holds of it (no passages)
 * @param model the embedding model of the vectors; null for a deleted article
 */
public record PassageSetView(
    String kind,
    UUID sourceId,
    long revision,
    long version,
    String title,
    String language,
    boolean deleted,
    String model,
    Instant indexedAt,
    List<KbPassage> passages) {}
