package org.supportinbox.messaging.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.supportinbox.messaging.domain.PassageRepository;
import org.supportinbox.messaging.domain.PassageSet;

/**
 * The index in {@code kb_passage_sets} and {@code kb_passages} (V11), with native SQL in the
 * caller's transaction: a set is replaced whole (its passages deleted and inserted again), which is
 * what an indexer means by it and costs one article's rows.
 */
@ApplicationScoped
public class JpaPassageRepository implements PassageRepository {

  /**
   * The key of the index's transaction-level advisory lock (one-key form; the outbox relay uses
   * another key, the articles the two-key form).
   */
  private static final long INDEX_LOCK = 0x6b62_696e_6465_78L; // "kbindex"

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Override
  public long replace(
      String kind,
      UUID articleId,
      long articleVersion,
      String title,
      String language,
      String model,
      List<PassageSet.Stored> passages,
      Instant at) {
    long revision = upsertSet(kind, articleId, articleVersion, title, language, false, model, at);
    em.createNativeQuery("delete from kb_passages where source_id = :id")
        .setParameter("id", articleId)
        .executeUpdate();
    for (PassageSet.Stored p : passages) {
      em.createNativeQuery(
              "insert into kb_passages (source_id, ordinal, text, embedding)"
                  + " values (:id, :ordinal, :text, :embedding)")
          .setParameter("id", articleId)
          .setParameter("ordinal", p.ordinal())
          .setParameter("text", p.text())
          .setParameter("embedding", p.embedding())
          .executeUpdate();
    }
    return revision;
  }

  @Override
  public long tombstone(
      UUID articleId, long lastVersion, String title, String language, Instant at) {
    long revision =
        upsertSet(PassageSet.ARTICLE, articleId, lastVersion, title, language, true, null, at);
    em.createNativeQuery("delete from kb_passages where source_id = :id")
        .setParameter("id", articleId)
        .executeUpdate();
    return revision;
  }

  private long upsertSet(
      String kind,
      UUID articleId,
      long articleVersion,
      String title,
      String language,
      boolean deleted,
      String model,
      Instant at) {
    em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(:key)) l")
        .setParameter("key", INDEX_LOCK)
        .getSingleResult();
    Object revision =
        em.createNativeQuery(
                "insert into kb_passage_sets"
                    + " (source_id, kind, revision, source_version, title, language, deleted,"
                    + " model, indexed_at)"
                    + " values (:id, :kind, nextval('kb_index_revision'), :version, :title,"
                    + " cast(:language as text), :deleted, cast(:model as text), :at)"
                    + " on conflict (source_id) do update set revision = excluded.revision,"
                    + " source_version = excluded.source_version, title = excluded.title,"
                    + " language = excluded.language, deleted = excluded.deleted,"
                    + " model = excluded.model, indexed_at = excluded.indexed_at"
                    + " returning revision")
            .setParameter("id", articleId)
            .setParameter("kind", kind)
            .setParameter("version", articleVersion)
            .setParameter("title", title)
            .setParameter("language", language)
            .setParameter("deleted", deleted)
            .setParameter("model", model)
            .setParameter("at", Timestamp.from(at))
            .getSingleResult();
    return ((Number) revision).longValue();
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<PassageSet> after(long revision, int limit) {
    List<Object[]> sets =
        em.createNativeQuery(
                "select source_id, revision, source_version, title, language, deleted, model,"
                    + " indexed_at, kind from kb_passage_sets where revision > :after"
                    + " order by revision limit :limit")
            .setParameter("after", revision)
            .setParameter("limit", limit)
            .getResultList();
    if (sets.isEmpty()) {
      return List.of();
    }
    Map<UUID, List<PassageSet.Stored>> passages = new LinkedHashMap<>();
    List<UUID> ids = new ArrayList<>();
    for (Object[] row : sets) {
      UUID id = (UUID) row[0];
      ids.add(id);
      passages.put(id, new ArrayList<>());
    }
    List<Object[]> rows =
        em.createNativeQuery(
                "select source_id, ordinal, text, embedding from kb_passages"
                    + " where source_id in (:ids) order by source_id, ordinal")
            .setParameter("ids", ids)
            .getResultList();
    for (Object[] row : rows) {
      passages
          .get((UUID) row[0])
          .add(
              new PassageSet.Stored(
                  ((Number) row[1]).intValue(), (String) row[2], (byte[]) row[3]));
    }
    List<PassageSet> out = new ArrayList<>(sets.size());
    for (Object[] row : sets) {
      UUID id = (UUID) row[0];
      out.add(
          new PassageSet(
              (String) row[8],
              id,
              ((Number) row[1]).longValue(),
              ((Number) row[2]).longValue(),
              (String) row[3],
              (String) row[4],
              (Boolean) row[5],
              (String) row[6],
              instant(row[7]),
              passages.get(id)));
    }
    return out;
  }

  private static Instant instant(Object value) {
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    throw new IllegalStateException("indexed_at read as " + value.getClass());
  }
}
