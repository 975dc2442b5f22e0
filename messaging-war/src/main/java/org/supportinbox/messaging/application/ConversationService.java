package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.supportinbox.contracts.ConversationStatus;
import org.supportinbox.contracts.rest.ConversationPage;
import org.supportinbox.contracts.rest.ConversationSummary;
import org.supportinbox.contracts.rest.ConversationView;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.messaging.domain.AiInsight;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.Conversation;
import org.supportinbox.messaging.domain.Message;
import org.supportinbox.web.UnknownIdException;

/** Reads the inbox (list and thread) and changes a conversation's status and assignee. */
@ApplicationScoped
public class ConversationService {

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Inject ApplicationEvents events;

  /** The thread: the conversation and every message, in created order, each with its insight. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ConversationView get(UUID id) {
    Conversation c = em.find(Conversation.class, id);
    if (c == null) {
      throw new UnknownIdException("conversation", id);
    }
    List<Message> messages =
        em.createQuery(
                "select m from Message m where m.conversationId = :c order by m.createdAt, m.id",
                Message.class)
            .setParameter("c", id)
            .getResultList();
    Map<UUID, AiInsight> insights =
        em.createQuery("select i from AiInsight i where i.conversationId = :c", AiInsight.class)
            .setParameter("c", id)
            .getResultStream()
            .collect(Collectors.toMap(AiInsight::messageId, Function.identity()));
    List<MessageView> views =
        messages.stream().map(m -> Views.message(m, insights.get(m.id()))).toList();
    return Views.conversation(c, views);
  }

  /**
   * A page of the inbox, newest activity first, after {@code cursor} (null: from the top). Keyset
   * pagination, so a page costs the same however deep it is and rows never repeat or go missing
   * between pages while new messages arrive.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ConversationPage list(ConversationStatus status, int limit, Cursor cursor) {
    StringBuilder jpql = new StringBuilder("select c from Conversation c where 1 = 1");
    if (status != null) {
      jpql.append(" and c.status = :status");
    }
    if (cursor != null) {
      jpql.append(" and (c.lastMessageAt < :at or (c.lastMessageAt = :at and c.id < :id))");
    }
    jpql.append(" order by c.lastMessageAt desc, c.id desc");
    TypedQuery<Conversation> query = em.createQuery(jpql.toString(), Conversation.class);
    if (status != null) {
      query.setParameter("status", status);
    }
    if (cursor != null) {
      query.setParameter("at", cursor.lastMessageAt()).setParameter("id", cursor.id());
    }
    List<Conversation> rows = query.setMaxResults(limit + 1).getResultList();
    boolean more = rows.size() > limit;
    List<Conversation> page = more ? rows.subList(0, limit) : rows;
    String next = null;
    if (more) {
      Conversation last = page.get(page.size() - 1);
      next = new Cursor(last.lastMessageAt(), last.id()).encode();
    }
    return new ConversationPage(page.stream().map(Views::summary).toList(), next);
  }

  @Transactional
  public ConversationSummary patch(UUID id, ConversationPatch patch) {
    Conversation c = em.find(Conversation.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (c == null) {
      throw new UnknownIdException("conversation", id);
    }
    Instant now = Clock.now();
    if (patch.status() != null) {
      c.changeStatus(patch.status(), now);
    }
    if (patch.assigneeGiven()) {
      c.assign(patch.assignee(), now);
    }
    events.conversationWasUpdated(c);
    return Views.summary(c);
  }
}
