package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A knowledge-base article as operators read it ({@code /kb/articles}).
 *
 * @param body Markdown kept as plain text, as written
 * @param tags lower case, in the order given, without duplicates; empty when none
 * @param language ISO 639-1 code, or null when unknown
 * @param createdBy the display name of the operator who created it (from the token)
 * @param updatedBy the display name of the operator who changed it last; the creator until then
 * @param version 1 when created, one more at each change that changed something: a {@code PUT} of
 *     the same values changes nothing and keeps it
 */
public record ArticleView(
    UUID id,
    String title,
    String body,
    List<String> tags,
    String language,
    String createdBy,
    Instant createdAt,
    String updatedBy,
    Instant updatedAt,
    long version) {}
