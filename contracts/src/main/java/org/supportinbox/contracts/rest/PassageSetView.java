package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the index holds for one article: its passages, or the mark that it was deleted.
 *
 * @param revision where this set stands in the order of every change to the index (a number from
 *     one sequence, higher for a later change): readers ask for the sets after the last one they
 *     hold ({@code GET /kb/passages?after=})
 * @param articleVersion the article version the passages were cut from; for a deleted article, its
 *     last version
 * @param title the article's title when indexed
 * @param language the article's ISO 639-1 code, or null when unknown
 * @param deleted the article was deleted: a reader drops what it holds of it (no passages)
 * @param model the embedding model of the vectors; null for a deleted article
 */
public record PassageSetView(
    UUID articleId,
    long revision,
    long articleVersion,
    String title,
    String language,
    boolean deleted,
    String model,
    Instant indexedAt,
    List<KbPassage> passages) {}
