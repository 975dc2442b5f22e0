package org.supportinbox.messaging.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.ConversationStatus;
import org.supportinbox.contracts.WireEnum;
import org.supportinbox.messaging.domain.SearchRepository;

/**
 * Search with PostgreSQL's full-text search over the generated {@code search_vector} columns and
 * their GIN indexes (migration V3__search.sql).
 *
 * <p>One statement with three branches, each newest first and cut at the page size, merged:
 * messages (customer messages, replies and notes), AI summaries (of messages whose own text did not
 * match), customers (name and email). Each branch has an index for both kinds of query: the GIN
 * index for a rare word, a time index to walk newest first for a common one, and the planner
 * chooses by the word's frequency. That choice needs the query's words, so the statement is planned
 * for each execution ({@code plan_cache_mode = force_custom_plan}, set for the transaction): a
 * generic plan would guess the same frequency for every word. Snippets come from {@code
 * ts_headline}, computed only for the hits of the page.
 */
@ApplicationScoped
public class JpaSearchRepository implements SearchRepository {

  /** The words as written ('simple') or stemmed ('english'): what each search_vector holds. */
  private static final String QUERY =
      "(websearch_to_tsquery('simple', ?1) || websearch_to_tsquery('english', ?1))";

  /**
   * At most two fragments of about 8 to 24 words: enough to see the match in its sentence in one or
   * two lines of the result list.
   */
  private static final String HEADLINE_OPTIONS =
      "'StartSel=' || chr(2) || ', StopSel=' || chr(3)"
          + " || ', MaxWords=24, MinWords=8, ShortWord=2, MaxFragments=2,"
          + " FragmentDelimiter=\" … \"'";

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Override
  public List<Hit> find(Query query, Instant afterAt, UUID afterId, int limit) {
    em.createNativeQuery("set local plan_cache_mode = force_custom_plan").executeUpdate();
    Parameters p = new Parameters(query.text());
    String conversationFilter = conversationFilter(query, p);
    String sql =
        "select h.id, h.conversation_id, h.message_id, c.customer_name, h.matched_in, h.internal,"
            + " ts_headline('english', translate(h.body, chr(2) || chr(3), ''), "
            + QUERY
            + ", "
            + HEADLINE_OPTIONS
            + "), h.at, c.status from ("
            // messages
            + "(select m.id, m.conversation_id, m.id as message_id, 'message' as matched_in,"
            + " m.internal, m.content as body, m.created_at as at from messages m"
            + joinConversation("m.conversation_id", conversationFilter)
            + " where m.search_vector @@ "
            + QUERY
            + range("m.created_at", "m.id", query, afterAt, afterId, p)
            + " order by m.created_at desc, m.id desc limit "
            + limit
            + ") union all "
            // AI summaries of messages whose own text did not match
            + "(select m.id, m.conversation_id, m.id, 'summary', false, i.summary, i.created_at"
            + " from ai_insights i join messages m on m.id = i.message_id"
            + joinConversation("i.conversation_id", conversationFilter)
            + " where i.search_vector @@ "
            + QUERY
            + " and not (m.search_vector @@ "
            + QUERY
            + ")"
            + range("i.created_at", "i.message_id", query, afterAt, afterId, p)
            + " order by i.created_at desc, i.message_id desc limit "
            + limit
            + ") union all "
            // customers
            + "(select c2.id, c2.id, null::uuid, 'customer', false,"
            + " c2.customer_name || coalesce(' <' || c2.customer_email || '>', ''),"
            + " c2.last_message_at from conversations c2 where c2.search_vector @@ "
            + QUERY
            + conversationFilter
            + range("c2.last_message_at", "c2.id", query, afterAt, afterId, p)
            + " order by c2.last_message_at desc, c2.id desc limit "
            + limit
            + ")) h join conversations c on c.id = h.conversation_id"
            + " order by h.at desc, h.id desc limit "
            + limit;
    jakarta.persistence.Query statement = em.createNativeQuery(sql);
    p.bindTo(statement);
    @SuppressWarnings("unchecked")
    List<Object[]> rows = statement.getResultList();
    List<Hit> hits = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      hits.add(
          new Hit(
              (UUID) row[0],
              (UUID) row[1],
              (UUID) row[2],
              (String) row[3],
              (String) row[4],
              (Boolean) row[5],
              (String) row[6],
              instant(row[7]),
              WireEnum.parse(ConversationStatus.class, (String) row[8]).orElseThrow()));
    }
    return hits;
  }

  /** The conditions on the conversation ({@code c2}), each starting with " and ". */
  private static String conversationFilter(Query query, Parameters p) {
    StringBuilder where = new StringBuilder();
    if (query.status() != null) {
      where.append(" and c2.status = ").append(p.add(query.status().wire()));
    }
    if (query.assignee() != null) {
      where.append(" and c2.assignee = ").append(p.add(query.assignee()));
    }
    if (query.intent() != null) {
      where.append(" and c2.latest_intent = ").append(p.add(query.intent()));
    }
    if (query.urgency() != null) {
      where.append(" and c2.latest_urgency = ").append(p.add(query.urgency()));
    }
    return where.toString();
  }

  /** A join to the conversation, only when there is a condition on it. */
  private static String joinConversation(String column, String conversationFilter) {
    return conversationFilter.isEmpty()
        ? ""
        : " join conversations c2 on c2.id = " + column + conversationFilter;
  }

  /** The time bounds and the keyset position, as conditions each starting with " and ". */
  private static String range(
      String at, String id, Query query, Instant afterAt, UUID afterId, Parameters p) {
    StringBuilder where = new StringBuilder();
    if (query.from() != null) {
      where.append(" and ").append(at).append(" >= ").append(p.add(query.from()));
    }
    if (query.to() != null) {
      where.append(" and ").append(at).append(" < ").append(p.add(query.to()));
    }
    if (afterAt != null) {
      where
          .append(" and (")
          .append(at)
          .append(", ")
          .append(id)
          .append(") < (")
          .append(p.add(afterAt))
          .append(", ")
          .append(p.add(afterId))
          .append(")");
    }
    return where.toString();
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

  /** Positional parameters: ?1 is the search text, the rest are added in order. */
  private static final class Parameters {
    private final List<Object> values = new ArrayList<>();

    Parameters(String text) {
      values.add(text);
    }

    String add(Object value) {
      values.add(value);
      return "?" + values.size();
    }

    void bindTo(jakarta.persistence.Query statement) {
      for (int i = 0; i < values.size(); i++) {
        statement.setParameter(i + 1, values.get(i));
      }
    }
  }
}
