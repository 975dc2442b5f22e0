package org.supportinbox.messaging.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.supportinbox.contracts.FeedbackAction;
import org.supportinbox.contracts.WireEnum;
import org.supportinbox.contracts.rest.AiCorrectionView;
import org.supportinbox.contracts.rest.AiQualityFigures;
import org.supportinbox.messaging.domain.Feedback;
import org.supportinbox.messaging.domain.FeedbackRepository;

/**
 * Feedback in the {@code ai_feedback} table, in the caller's transaction: one upsert on the primary
 * key (message, operator, kind), so two requests of one operator at once leave one row, the later.
 * The figures are computed by PostgreSQL over the range (the index on {@code created_at}).
 */
@ApplicationScoped
public class JpaFeedbackRepository implements FeedbackRepository {

  /** The SQL of each grouping's key: constants, never caller input. */
  private static final Map<Grouping, String> KEYS =
      Map.of(
          Grouping.ALL, "'all'",
          Grouping.MODEL, "model",
          Grouping.INTENT, "coalesce(intent, 'none')",
          Grouping.LANGUAGE, "coalesce(language, 'none')",
          Grouping.DAY, "to_char(created_at at time zone 'UTC', 'YYYY-MM-DD')");

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Override
  public void put(Feedback f) {
    em.createNativeQuery(
            "insert into ai_feedback (message_id, conversation_id, operator, kind, action,"
                + " edit_ratio, value, model, intent, sentiment, urgency, created_at, language)"
                // A null parameter has no type of its own: the casts give it the column's.
                + " values (?1, ?2, ?3, ?4, ?5, cast(?6 as double precision), cast(?7 as text),"
                + " ?8, cast(?9 as text), cast(?10 as text), cast(?11 as text), ?12,"
                + " cast(?13 as text))"
                + " on conflict (message_id, operator, kind) do update set"
                + " action = excluded.action, edit_ratio = excluded.edit_ratio,"
                + " value = excluded.value, model = excluded.model, intent = excluded.intent,"
                + " sentiment = excluded.sentiment, urgency = excluded.urgency,"
                + " created_at = excluded.created_at, language = excluded.language")
        .setParameter(1, f.messageId())
        .setParameter(2, f.conversationId())
        .setParameter(3, f.operator())
        .setParameter(4, f.kind())
        .setParameter(5, f.action().wire())
        .setParameter(6, f.editRatio())
        .setParameter(7, f.value())
        .setParameter(8, f.model())
        .setParameter(9, f.intent())
        .setParameter(10, f.sentiment())
        .setParameter(11, f.urgency())
        .setParameter(12, f.at())
        .setParameter(13, f.language())
        .executeUpdate();
  }

  @Override
  @SuppressWarnings("unchecked")
  public Feedback find(UUID messageId, String operator, String kind) {
    List<Object[]> rows =
        em.createNativeQuery(
                "select message_id, conversation_id, operator, action, edit_ratio, value, model,"
                    + " intent, sentiment, urgency, language, created_at from ai_feedback"
                    + " where message_id = ?1 and operator = ?2 and kind = ?3")
            .setParameter(1, messageId)
            .setParameter(2, operator)
            .setParameter(3, kind)
            .getResultList();
    if (rows.isEmpty()) {
      return null;
    }
    Object[] r = rows.get(0);
    return new Feedback(
        (UUID) r[0],
        (UUID) r[1],
        (String) r[2],
        WireEnum.parse(FeedbackAction.class, (String) r[3]).orElseThrow(),
        r[4] == null ? null : ((Number) r[4]).doubleValue(),
        (String) r[5],
        (String) r[6],
        (String) r[7],
        (String) r[8],
        (String) r[9],
        (String) r[10],
        instant(r[11]));
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Tally> tallies() {
    List<Object[]> rows =
        em.createNativeQuery(
                "select model, coalesce(intent, 'none'), coalesce(language, 'none'), action,"
                    + " count(*), coalesce(sum(edit_ratio), 0) from ai_feedback"
                    + " group by 1, 2, 3, 4 order by 1, 2, 3, 4")
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Tally(
                    (String) r[0],
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    ((Number) r[4]).longValue(),
                    ((Number) r[5]).doubleValue()))
        .toList();
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<AiQualityFigures> figures(Grouping grouping, Instant from, Instant to) {
    String key = KEYS.get(grouping);
    String order = grouping == Grouping.DAY ? "1" : "2 desc, 1";
    List<Object[]> rows =
        em.createNativeQuery(
                "select "
                    + key
                    + ", count(*) filter (where kind = 'reply'),"
                    + " count(*) filter (where action = 'sent_as_is'),"
                    + " count(*) filter (where action = 'edited'),"
                    + " count(*) filter (where action = 'dismissed'),"
                    + " avg(edit_ratio),"
                    + " count(*) filter (where kind <> 'reply')"
                    + " from ai_feedback where created_at >= ?1 and created_at < ?2"
                    + " group by 1 order by "
                    + order)
            .setParameter(1, from)
            .setParameter(2, to)
            .getResultList();
    return rows.stream().map(JpaFeedbackRepository::figures).toList();
  }

  private static AiQualityFigures figures(Object[] r) {
    long suggestions = ((Number) r[1]).longValue();
    long sent = ((Number) r[2]).longValue();
    long edited = ((Number) r[3]).longValue();
    return new AiQualityFigures(
        (String) r[0],
        suggestions,
        sent,
        edited,
        ((Number) r[4]).longValue(),
        suggestions == 0 ? null : (double) (sent + edited) / suggestions,
        r[5] == null ? null : ((Number) r[5]).doubleValue(),
        ((Number) r[6]).longValue());
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<AiCorrectionView> corrections(Instant from, Instant to, int limit) {
    List<Object[]> rows =
        em.createNativeQuery(
                "select f.message_id, f.conversation_id, left(m.content, 140), f.kind,"
                    + " case f.kind when 'intent' then f.intent when 'sentiment' then f.sentiment"
                    + " else f.urgency end, f.value, f.operator, f.model, f.created_at, f.language,"
                    + " case when f.kind = 'intent' then coalesce((select e.status from ai_examples e"
                    + " where e.message_id = f.message_id and e.intent = f.value), 'pending') end"
                    + " from ai_feedback f join messages m on m.id = f.message_id"
                    + " where f.kind <> 'reply' and f.created_at >= ?1 and f.created_at < ?2"
                    + " order by f.created_at desc, f.message_id, f.kind limit ?3")
            .setParameter(1, from)
            .setParameter(2, to)
            .setParameter(3, limit)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new AiCorrectionView(
                    (UUID) r[0],
                    (UUID) r[1],
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    (String) r[6],
                    (String) r[7],
                    instant(r[8]),
                    (String) r[9],
                    (String) r[10]))
        .toList();
  }

  @Override
  public long pendingReviews(Instant from, Instant to) {
    Object n =
        em.createNativeQuery(
                "select count(distinct (f.message_id, f.value)) from ai_feedback f"
                    + " where f.kind = 'intent' and f.created_at >= ?1 and f.created_at < ?2"
                    + " and not exists (select 1 from ai_examples e"
                    + " where e.message_id = f.message_id and e.intent = f.value)")
            .setParameter(1, from)
            .setParameter(2, to)
            .getSingleResult();
    return ((Number) n).longValue();
  }

  @Override
  public boolean intentCorrected(UUID messageId, String intent) {
    Object n =
        em.createNativeQuery(
                "select count(*) from ai_feedback where message_id = ?1 and kind = 'intent'"
                    + " and value = ?2")
            .setParameter(1, messageId)
            .setParameter(2, intent)
            .getSingleResult();
    return ((Number) n).longValue() > 0;
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
