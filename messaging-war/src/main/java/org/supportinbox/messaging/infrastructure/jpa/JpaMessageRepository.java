package org.supportinbox.messaging.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;
import org.supportinbox.contracts.Sender;
import org.supportinbox.contracts.WireEnum;
import org.supportinbox.messaging.domain.AiInsight;
import org.supportinbox.messaging.domain.Conversation;
import org.supportinbox.messaging.domain.Message;
import org.supportinbox.messaging.domain.MessageRepository;

/** Messages in the {@code messages} table, in the caller's transaction. */
@ApplicationScoped
public class JpaMessageRepository implements MessageRepository {

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Override
  public Message find(UUID id) {
    return em.find(Message.class, id);
  }

  @Override
  public void add(Message message) {
    em.persist(message);
  }

  /**
   * The storing statement: the message (skipped when its idempotency key is taken), its insight and
   * the conversation's new state only when the message went in. Columns are those of {@link
   * Message}, {@link AiInsight} and {@link Conversation}'s mappings (MessageResourceIT checks each
   * column of the conversation it writes); the foreign key of the insight on the message is checked
   * at the end of the statement, when the message is in. It saves the lookup of the key, the
   * conversation's update and the insight's insert as round trips of their own.
   */
  static final String ADD_IF_NEW =
      "with m as (insert into messages (id, conversation_id, sender, sender_name, content,"
          + " client_message_id, internal, created_at, email_message_id)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " on conflict (conversation_id, client_message_id) where client_message_id is not null"
          + " do nothing returning id),"
          + " i as (insert into ai_insights (message_id, conversation_id, status, attempts,"
          + " created_at, updated_at) select id, ?, ?, ?, ?, ? from m where ?),"
          + " c as (update conversations set status = ?, updated_at = ?, last_message_at = ?,"
          + " last_message_preview = ?, last_message_sender = ?, latest_customer_message_id = ?,"
          + " last_customer_message_at = ?, latest_intent = ?, latest_urgency = ?,"
          + " snoozed_until = ? where id = ? and exists (select 1 from m))"
          + " select count(*) from m";

  @Override
  public boolean addIfNew(Message message, AiInsight insight, Conversation conversation) {
    return em.unwrap(Session.class)
        .doReturningWork(
            connection -> {
              try (PreparedStatement ps = connection.prepareStatement(ADD_IF_NEW)) {
                int i = 0;
                ps.setObject(++i, message.id());
                ps.setObject(++i, message.conversationId());
                ps.setString(++i, message.sender().wire());
                ps.setString(++i, message.senderName());
                ps.setString(++i, message.content());
                ps.setString(++i, message.clientMessageId());
                ps.setBoolean(++i, message.internal());
                setTime(ps, ++i, message.createdAt());
                ps.setString(++i, message.emailMessageId());
                ps.setObject(++i, message.conversationId());
                ps.setString(++i, insight == null ? null : insight.status().wire());
                ps.setInt(++i, insight == null ? 0 : insight.attempts());
                setTime(ps, ++i, insight == null ? null : insight.createdAt());
                setTime(ps, ++i, insight == null ? null : insight.updatedAt());
                ps.setBoolean(++i, insight != null);
                ps.setString(++i, conversation.status().wire());
                setTime(ps, ++i, conversation.updatedAt());
                setTime(ps, ++i, conversation.lastMessageAt());
                ps.setString(++i, conversation.lastMessagePreview());
                ps.setString(++i, wire(conversation.lastMessageSender()));
                ps.setObject(++i, conversation.latestCustomerMessageId(), Types.OTHER);
                setTime(ps, ++i, conversation.lastCustomerMessageAt());
                ps.setString(++i, conversation.latestIntent());
                ps.setString(++i, conversation.latestUrgency());
                setTime(ps, ++i, conversation.snoozedUntil());
                ps.setObject(++i, conversation.id());
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  return rs.getInt(1) == 1;
                }
              }
            });
  }

  /**
   * {@link #contextBefore}'s statement: the earlier messages ({@code m}, as {@link #before} chooses
   * them) and the latest earlier insight that has a summary or is still processing ({@code p} or
   * {@code s}), one result, messages first and newest first. Both walk the conversation's messages
   * back from this one (the index on conversation, time, id) and stop at what they need: filtering
   * the insights by their own conversation instead made PostgreSQL walk every conversation's
   * messages back by time. Plain JDBC on the transaction's connection: Hibernate's native queries
   * flush the session first and map every row.
   */
  static final String CONTEXT_BEFORE =
      "(select 'm' as kind, sender, sender_name, content, created_at, id from messages"
          + " where conversation_id = ? and (created_at, id) < (?, ?) and not internal"
          + " order by created_at desc, id desc limit ?)"
          + " union all"
          + " (select case when i.status = 'processing' then 'p' else 's' end, null, null,"
          + " i.conversation_summary, m.created_at, m.id from messages m"
          + " join ai_insights i on i.message_id = m.id where m.conversation_id = ?"
          + " and (i.conversation_summary is not null or i.status = 'processing')"
          + " and (m.created_at, m.id) < (?, ?) order by m.created_at desc, m.id desc limit 1)"
          + " order by 1, 5 desc, 6 desc";

  @Override
  public ContextBefore contextBefore(Message message, int limit) {
    return em.unwrap(Session.class)
        .doReturningWork(
            connection -> {
              try (PreparedStatement ps = connection.prepareStatement(CONTEXT_BEFORE)) {
                int i = 0;
                for (int part = 0; part < 2; part++) {
                  ps.setObject(++i, message.conversationId());
                  setTime(ps, ++i, message.createdAt());
                  ps.setObject(++i, message.id());
                  if (part == 0) {
                    ps.setInt(++i, limit);
                  }
                }
                List<Earlier> earlier = new ArrayList<>();
                Optional<Optional<String>> summary = Optional.of(Optional.empty());
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    switch (rs.getString(1)) {
                      case "m" ->
                          earlier.add(
                              new Earlier(
                                  WireEnum.parse(Sender.class, rs.getString(2)).orElseThrow(),
                                  rs.getString(3),
                                  rs.getString(4)));
                      case "p" -> summary = Optional.empty();
                      default -> summary = Optional.of(Optional.ofNullable(rs.getString(4)));
                    }
                  }
                }
                return new ContextBefore(earlier, summary);
              }
            });
  }

  private static void setTime(PreparedStatement ps, int index, Instant at) throws SQLException {
    if (at == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }
  }

  private static String wire(WireEnum value) {
    return value == null ? null : value.wire();
  }

  @Override
  public Optional<Message> byClientId(UUID conversationId, String clientMessageId) {
    return em.createQuery(
            "select m from Message m where m.conversationId = :c and m.clientMessageId = :k",
            Message.class)
        .setParameter("c", conversationId)
        .setParameter("k", clientMessageId)
        .getResultStream()
        .findFirst();
  }

  @Override
  public void lockMailId(String emailMessageId) {
    em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) l")
        .setParameter(1, "mail:" + emailMessageId)
        .getSingleResult();
  }

  @Override
  public Optional<Message> byEmailMessageId(String emailMessageId) {
    return em.createQuery("select m from Message m where m.emailMessageId = :k", Message.class)
        .setParameter("k", emailMessageId)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<UUID> conversationOfMail(List<String> ids) {
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    List<Message> found =
        em.createQuery("select m from Message m where m.emailMessageId in :ids", Message.class)
            .setParameter("ids", ids)
            .getResultList();
    for (int i = ids.size() - 1; i >= 0; i--) {
      String id = ids.get(i);
      for (Message m : found) {
        if (id.equals(m.emailMessageId())) {
          return Optional.of(m.conversationId());
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public List<String> mailIds(UUID conversationId) {
    return em.createQuery(
            "select m.emailMessageId from Message m where m.conversationId = :c"
                + " and m.emailMessageId is not null order by m.createdAt, m.id",
            String.class)
        .setParameter("c", conversationId)
        .getResultList();
  }

  @Override
  public List<Message> ofConversation(UUID conversationId) {
    return em.createQuery(
            "select m from Message m where m.conversationId = :c order by m.createdAt, m.id",
            Message.class)
        .setParameter("c", conversationId)
        .getResultList();
  }

  /**
   * Newest first with a LIMIT, so PostgreSQL walks messages_conversation_idx (conversation_id,
   * created_at, id) backwards from the message, with the row comparison as index condition: the
   * cost is the limit, not the length of the conversation.
   */
  @Override
  @SuppressWarnings("unchecked")
  public List<Message> before(Message message, int limit) {
    return em.createNativeQuery(
            "select * from messages where conversation_id = ?1 and (created_at, id) < (?2, ?3)"
                + " and not internal order by created_at desc, id desc limit ?4",
            Message.class)
        .setParameter(1, message.conversationId())
        .setParameter(2, message.createdAt())
        .setParameter(3, message.id())
        .setParameter(4, limit)
        .getResultList();
  }
}
