package org.supportinbox.messaging.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.rest.AiExample;
import org.supportinbox.messaging.domain.ExampleRepository;

/**
 * Review decisions in the {@code ai_examples} table, in the caller's transaction. Positions come
 * from the sequence {@code ai_example_seq} under a transaction-level advisory lock (the two-key
 * form, apart from the outbox relay's one-key lock and the articles' key 17), so that they are
 * committed in order and {@code GET /ai/examples?after=N} never skips a decision committed late.
 */
@ApplicationScoped
public class JpaExampleRepository implements ExampleRepository {

  /** The first key of the reviews' advisory lock; the second is 0. */
  private static final int REVIEW_LOCK = 15;

  private static final String COLUMNS =
      "seq, message_id, intent, text, language, status, reviewed_by, reviewed_at";

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Override
  public void lockReviews() {
    em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(:kind, 0)) l")
        .setParameter("kind", REVIEW_LOCK)
        .getSingleResult();
  }

  @Override
  @SuppressWarnings("unchecked")
  public AiExample decide(
      UUID messageId,
      String intent,
      String text,
      String language,
      String status,
      String reviewer,
      Instant at) {
    if (status.equals("approved")) {
      // A text has one intent: approving this one withdraws another approved for the message.
      em.createNativeQuery(
              "update ai_examples set status = 'rejected', reviewed_by = ?1, reviewed_at = ?2,"
                  + " seq = nextval('ai_example_seq')"
                  + " where message_id = ?3 and intent <> ?4 and status = 'approved'")
          .setParameter(1, reviewer)
          .setParameter(2, at)
          .setParameter(3, messageId)
          .setParameter(4, intent)
          .executeUpdate();
    }
    em.createNativeQuery(
            "insert into ai_examples (message_id, intent, text, language, status, reviewed_by,"
                + " reviewed_at, seq) values (?1, ?2, ?3, cast(?4 as text), ?5, ?6, ?7,"
                + " nextval('ai_example_seq'))"
                + " on conflict (message_id, intent) do update set text = excluded.text,"
                + " language = excluded.language, status = excluded.status,"
                + " reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at,"
                + " seq = excluded.seq")
        .setParameter(1, messageId)
        .setParameter(2, intent)
        .setParameter(3, text)
        .setParameter(4, language)
        .setParameter(5, status)
        .setParameter(6, reviewer)
        .setParameter(7, at)
        .executeUpdate();
    List<Object[]> rows =
        em.createNativeQuery(
                "select " + COLUMNS + " from ai_examples where message_id = ?1 and intent = ?2")
            .setParameter(1, messageId)
            .setParameter(2, intent)
            .getResultList();
    return example(rows.get(0));
  }

  @Override
  public boolean decided(UUID messageId, String intent) {
    Object n =
        em.createNativeQuery(
                "select count(*) from ai_examples where message_id = ?1 and intent = ?2")
            .setParameter(1, messageId)
            .setParameter(2, intent)
            .getSingleResult();
    return ((Number) n).longValue() > 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<AiExample> after(long after, int limit) {
    List<Object[]> rows =
        em.createNativeQuery(
                "select " + COLUMNS + " from ai_examples where seq > ?1 order by seq limit ?2")
            .setParameter(1, after)
            .setParameter(2, limit)
            .getResultList();
    return rows.stream().map(JpaExampleRepository::example).toList();
  }

  private static AiExample example(Object[] r) {
    return new AiExample(
        ((Number) r[0]).longValue(),
        (UUID) r[1],
        (String) r[2],
        (String) r[3],
        (String) r[4],
        (String) r[5],
        (String) r[6],
        instant(r[7]));
  }

  private static Instant instant(Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    throw new IllegalStateException("unexpected timestamp type " + value.getClass());
  }
}
