package org.supportinbox.contracts.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A knowledge-base article was created, changed or deleted ({@code POST}, {@code PUT}, {@code
 * DELETE /kb/articles}). Published by messaging through its outbox in the transaction of the
 * change; a {@code PUT} that changes nothing publishes nothing. It names the article, not its text:
 * an indexer reads the article ({@code GET /kb/articles/{id}}) and drops what it holds of an older
 * {@code version}, so that events delivered twice or late do no harm.
 *
 * @param change {@code created}, {@code updated} or {@code deleted}
 * @param version the article's version after the change; for {@code deleted}, its last one
 * @param language the article's ISO 639-1 code after the change (for {@code deleted}, its last
 *     one), or null when unknown
 * @param updatedAt when the article was changed or deleted
 */
public record ArticleChanged(
    UUID eventId,
    String eventType,
    Instant occurredAt,
    int schemaVersion,
    UUID articleId,
    String change,
    long version,
    String language,
    Instant updatedAt) {

  public static final String TYPE = "article.changed";
  public static final int SCHEMA_VERSION = 1;

  public static final String CREATED = "created";
  public static final String UPDATED = "updated";
  public static final String DELETED = "deleted";

  public static ArticleChanged of(
      UUID articleId, String change, long version, String language, Instant updatedAt) {
    return new ArticleChanged(
        UUID.randomUUID(),
        TYPE,
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        SCHEMA_VERSION,
        articleId,
        change,
        version,
        language,
        updatedAt);
  }
}
