package org.supportinbox.contracts.rest;

import java.util.List;
import org.supportinbox.contracts.Required;

/**
 * The body of {@code POST /kb/articles} and {@code PUT /kb/articles/{id}} (gateway and messaging
 * alike): a knowledge-base article as its author writes it. The author comes from the caller's
 * token, never from the body; the id from the path ({@code PUT}) or the server ({@code POST}).
 *
 * @param body Markdown kept as plain text: stored and shown as written, never rendered as HTML
 * @param tags optional; compared and stored in lower case, duplicates dropped
 * @param language optional ISO 639-1 code ({@code en}, {@code de}); null when unknown
 * @param version optional, {@code PUT} only: the version the caller edited; when the stored article
 *     has another one the answer is {@code 409} naming {@code version} and nothing changes. Left
 *     out, the last writer wins (an import).
 */
public record ArticleDraft(
    @Required String title,
    @Required String body,
    List<String> tags,
    String language,
    Long version) {}
