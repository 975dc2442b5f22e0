package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.supportinbox.contracts.ConversationStatus;
import org.supportinbox.contracts.rest.ConversationCounts;
import org.supportinbox.contracts.rest.ConversationPage;
import org.supportinbox.contracts.rest.ConversationSummary;
import org.supportinbox.contracts.rest.ConversationView;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.messaging.domain.AiInsight;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.Conversation;
import org.supportinbox.messaging.domain.ConversationRepository;
import org.supportinbox.messaging.domain.InsightRepository;
import org.supportinbox.messaging.domain.MessageRepository;
import org.supportinbox.messaging.domain.NotFoundException;

/** Reads the inbox (list and thread) and changes a conversation's status and assignee. */
@ApplicationScoped
public class ConversationService {

  @Inject ConversationRepository conversations;

  @Inject MessageRepository messages;

  @Inject InsightRepository insights;

  @Inject ApplicationEvents events;

  /** The thread: the conversation and every message, in created order, each with its insight. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ConversationView get(UUID id) {
    Conversation c = conversations.find(id);
    if (c == null) {
      throw new NotFoundException("conversation", id);
    }
    Map<UUID, AiInsight> byMessage = insights.ofConversation(id);
    List<MessageView> views =
        messages.ofConversation(id).stream()
            .map(m -> Views.message(m, byMessage.get(m.id())))
            .toList();
    return Views.conversation(c, views);
  }

  /**
   * A page of a view of the inbox after {@code cursor} (null: from the top). Keyset pagination, so
   * a page costs the same however deep it is and rows never repeat or go missing between pages
   * while new messages arrive.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ConversationPage list(ConversationRepository.View view, int limit, Cursor cursor) {
    ConversationRepository.Position after = null;
    if (cursor != null) {
      cursor.requireWalk(view.byUrgency());
      after =
          new ConversationRepository.Position(
              view.byUrgency() ? cursor.urgencyRank() : 0, cursor.lastMessageAt(), cursor.id());
    }
    List<Conversation> rows = conversations.page(view, after, limit + 1);
    boolean more = rows.size() > limit;
    List<Conversation> page = more ? rows.subList(0, limit) : rows;
    String next = null;
    if (more) {
      Conversation last = page.get(page.size() - 1);
      next =
          new Cursor(view.byUrgency() ? last.urgencyRank() : null, last.lastMessageAt(), last.id())
              .encode();
    }
    return new ConversationPage(page.stream().map(Views::summary).toList(), next);
  }

  /**
   * The size of each view, each counted up to {@code cap}; {@code mine} for {@code assignee}, or
   * null without one.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ConversationCounts counts(String assignee, long cap) {
    return new ConversationCounts(
        assignee == null
            ? null
            : conversations.count(
                new ConversationRepository.View(ConversationStatus.OPEN, assignee, false, false),
                cap),
        conversations.count(
            new ConversationRepository.View(ConversationStatus.OPEN, null, true, false), cap),
        count(ConversationStatus.OPEN, cap),
        count(ConversationStatus.PENDING, cap),
        count(ConversationStatus.SNOOZED, cap),
        count(ConversationStatus.RESOLVED, cap),
        cap);
  }

  private long count(ConversationStatus status, long cap) {
    return conversations.count(new ConversationRepository.View(status, null, false, false), cap);
  }

  @Transactional
  public ConversationSummary patch(UUID id, ConversationPatch patch) {
    Conversation c = conversations.findForUpdate(id);
    if (c == null) {
      throw new NotFoundException("conversation", id);
    }
    Instant now = Clock.now();
    if (patch.status() == ConversationStatus.SNOOZED) {
      c.snooze(patch.snoozedUntil(), now);
    } else if (patch.status() != null) {
      c.changeStatus(patch.status(), now);
    }
    if (patch.assigneeGiven()) {
      c.assign(patch.assignee(), now);
    }
    events.conversationWasUpdated(c);
    return Views.summary(c);
  }

  /**
   * Opens again up to {@code limit} conversations whose snooze is due, each with its {@code
   * conversation.updated}, in one transaction; rows another instance is waking are skipped, so no
   * conversation wakes twice. Returns how many woke.
   */
  @Transactional
  public int wakeDue(int limit) {
    Instant now = Clock.now();
    int woken = 0;
    for (Conversation c : conversations.dueToWake(now, limit)) {
      if (c.wake(now)) {
        events.conversationWasUpdated(c);
        woken++;
      }
    }
    return woken;
  }
}
