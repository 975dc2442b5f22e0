package org.supportinbox.messaging.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.ConversationStatus;
import org.supportinbox.contracts.WireEnum;
import org.supportinbox.messaging.domain.SearchRepository;

/**
 * Search with PostgreSQL's full-text search over the generated {@code search_vector} columns and
 * their GIN indexes (migration V3__search.sql).
 *
 * <p>Three kinds of hit, each searched on its own and merged newest first: messages (customer
 * messages, replies and notes), AI summaries, customers (name and email); a message whose text and
 * summary both match is one hit. A page of hits must be the newest matches, and the fastest way to
 * find them depends on how often the words occur, which the planner can only guess (a word outside
 * its sample looks equally rare, however rare it is). So messages and summaries are found in two
 * steps whose cost does not depend on that guess:
 *
 * <ol>
 *   <li>the newest {@link #WINDOW} rows (before the cursor, within {@code from}/{@code to}), walked
 *       on the time index: when they hold a page of hits, those are the newest hits, found at the
 *       cost of reading that window whatever the word;
 *   <li>otherwise the words are rare among recent rows, and the GIN index gives every match (a
 *       materialized CTE, so that it is a bitmap scan), of which the newest page is kept.
 * </ol>
 *
 * A word in at least about 0.2 % of recent rows takes step 1 only; a rarer one step 2, whose cost
 * is its number of matches. Customers always take the index (names match few conversations).
 * Snippets come from {@code ts_headline}, for the page's hits only, in one statement.
 */
@ApplicationScoped
public class JpaSearchRepository implements SearchRepository {

  /** Rows read newest first before turning to the index: a few milliseconds' worth. */
  static final int WINDOW = 10_000;

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

  private static final Comparator<Row> NEWEST_FIRST =
      Comparator.comparing(Row::at).thenComparing(Row::id).reversed();

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  /** A hit before its snippet: {@code body} is the matched text. */
  private record Row(
      UUID id,
      UUID conversationId,
      UUID messageId,
      String matchedIn,
      boolean internal,
      String body,
      Instant at,
      String customerName,
      ConversationStatus status) {}

  @Override
  public List<Hit> find(Query query, Instant afterAt, UUID afterId, int limit) {
    List<Row> rows = new ArrayList<>();
    rows.addAll(messages(query, afterAt, afterId, limit));
    rows.addAll(summaries(query, afterAt, afterId, limit));
    rows.addAll(customers(query, afterAt, afterId, limit));
    rows.sort(NEWEST_FIRST);
    List<Row> unique = distinct(rows);
    List<Row> page = unique.subList(0, Math.min(limit, unique.size()));
    List<String> snippets = headlines(query.text(), page.stream().map(Row::body).toList());
    List<Hit> hits = new ArrayList<>(page.size());
    for (int i = 0; i < page.size(); i++) {
      Row r = page.get(i);
      hits.add(
          new Hit(
              r.id(),
              r.conversationId(),
              r.messageId(),
              r.customerName(),
              r.matchedIn(),
              r.internal(),
              snippets.get(i),
              r.at(),
              r.status()));
    }
    return hits;
  }

  /**
   * One hit per message: a message whose text and summary both match is one {@code message} hit.
   * The two rows have the same place in the order ({@code at}, {@code id}), so they are neighbours
   * in the sorted list, in either order. Each kind's query returned its newest {@code limit} rows,
   * so the newest {@code limit} distinct hits are among them.
   */
  private static List<Row> distinct(List<Row> sorted) {
    List<Row> out = new ArrayList<>(sorted.size());
    for (Row r : sorted) {
      Row last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.id().equals(r.id()) && last.at().equals(r.at())) {
        if (r.matchedIn().equals("message")) {
          out.set(out.size() - 1, r);
        }
        continue;
      }
      out.add(r);
    }
    return out;
  }

  private List<Row> messages(Query query, Instant afterAt, UUID afterId, int limit) {
    Parameters p = new Parameters(query.text());
    String range = range("m0.created_at", "m0.id", query, afterAt, afterId, p);
    String filter = conversationFilter(query, p);
    String window =
        "select x.id, x.conversation_id, x.id, 'message', x.internal, x.content, x.created_at,"
            + " c.customer_name, c.status from (select m.id, m.conversation_id, m.internal,"
            + " m.content, m.created_at from (select m0.* from messages m0 where true"
            + range
            + " order by m0.created_at desc, m0.id desc limit "
            + WINDOW
            + ") m"
            + joinConversation("m.conversation_id", filter)
            + " where m.search_vector @@ "
            + QUERY
            + " order by m.created_at desc, m.id desc limit "
            + limit
            + ") x join conversations c on c.id = x.conversation_id";
    List<Row> rows = rows(window, p);
    if (rows.size() >= limit) {
      return rows;
    }
    String index =
        "with hits as materialized (select m0.id, m0.conversation_id, m0.created_at"
            + " from messages m0 where m0.search_vector @@ "
            + QUERY
            + range
            + ") select h.id, h.conversation_id, h.id, 'message', m.internal, m.content,"
            + " h.created_at, c.customer_name, c.status from (select h.* from hits h"
            + joinConversation("h.conversation_id", filter)
            + " order by h.created_at desc, h.id desc limit "
            + limit
            + ") h join messages m on m.id = h.id join conversations c on c.id = h.conversation_id";
    return rows(index, p);
  }

  private List<Row> summaries(Query query, Instant afterAt, UUID afterId, int limit) {
    Parameters p = new Parameters(query.text());
    String range = range("i0.created_at", "i0.message_id", query, afterAt, afterId, p);
    String filter = conversationFilter(query, p);
    String window =
        "select x.message_id, x.conversation_id, x.message_id, 'summary', false, x.summary,"
            + " x.created_at, c.customer_name, c.status from (select i.message_id,"
            + " i.conversation_id, i.summary, i.created_at from (select i0.* from ai_insights i0"
            + " where true"
            + range
            + " order by i0.created_at desc, i0.message_id desc limit "
            + WINDOW
            + ") i"
            + joinConversation("i.conversation_id", filter)
            + " where i.search_vector @@ "
            + QUERY
            + " order by i.created_at desc, i.message_id desc limit "
            + limit
            + ") x join conversations c on c.id = x.conversation_id";
    List<Row> rows = rows(window, p);
    if (rows.size() >= limit) {
      return rows;
    }
    String index =
        "with hits as materialized (select i0.message_id, i0.conversation_id, i0.created_at"
            + " from ai_insights i0 where i0.search_vector @@ "
            + QUERY
            + range
            + ") select h.message_id, h.conversation_id, h.message_id, 'summary', false,"
            + " i.summary, h.created_at, c.customer_name, c.status from (select h.* from hits h"
            + joinConversation("h.conversation_id", filter)
            + " order by h.created_at desc, h.message_id desc limit "
            + limit
            + ") h join ai_insights i on i.message_id = h.message_id"
            + " join conversations c on c.id = h.conversation_id";
    return rows(index, p);
  }

  private List<Row> customers(Query query, Instant afterAt, UUID afterId, int limit) {
    Parameters p = new Parameters(query.text());
    String sql =
        "with hits as materialized (select c0.id from conversations c0 where c0.search_vector @@ "
            + QUERY
            + ") select c2.id, c2.id, null::uuid, 'customer', false, c2.customer_name"
            + " || coalesce(' <' || c2.customer_email || '>', ''), c2.last_message_at,"
            + " c2.customer_name, c2.status from hits h join conversations c2 on c2.id = h.id"
            + " where true"
            + conversationFilter(query, p)
            + range("c2.last_message_at", "c2.id", query, afterAt, afterId, p)
            + " order by c2.last_message_at desc, c2.id desc limit "
            + limit;
    return rows(sql, p);
  }

  /** The snippet of each body, in order: one statement for the whole page. */
  private List<String> headlines(String text, List<String> bodies) {
    if (bodies.isEmpty()) {
      return List.of();
    }
    Parameters p = new Parameters(text);
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < bodies.size(); i++) {
      values.append(i == 0 ? "" : ", ").append("(").append(i).append(", ");
      values.append(p.add(bodies.get(i))).append(")");
    }
    String sql =
        "select ts_headline('english', translate(b.body, chr(2) || chr(3), ''), "
            + QUERY
            + ", "
            + HEADLINE_OPTIONS
            + ") from (values "
            + values
            + ") as b(n, body) order by b.n";
    jakarta.persistence.Query statement = em.createNativeQuery(sql);
    p.bindTo(statement);
    @SuppressWarnings("unchecked")
    List<Object> snippets = statement.getResultList();
    return snippets.stream().map(s -> (String) s).toList();
  }

  private List<Row> rows(String sql, Parameters p) {
    jakarta.persistence.Query statement = em.createNativeQuery(sql);
    p.bindTo(statement);
    @SuppressWarnings("unchecked")
    List<Object[]> result = statement.getResultList();
    List<Row> rows = new ArrayList<>(result.size());
    for (Object[] r : result) {
      rows.add(
          new Row(
              (UUID) r[0],
              (UUID) r[1],
              (UUID) r[2],
              (String) r[3],
              (Boolean) r[4],
              (String) r[5],
              instant(r[6]),
              (String) r[7],
              WireEnum.parse(ConversationStatus.class, (String) r[8]).orElseThrow()));
    }
    return rows;
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
