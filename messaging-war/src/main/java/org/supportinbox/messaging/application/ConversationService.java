package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.supportinbox.contracts.Channel;
import org.supportinbox.contracts.ConversationStatus;
import org.supportinbox.contracts.rest.ConversationCounts;
import org.supportinbox.contracts.rest.ConversationPage;
import org.supportinbox.contracts.rest.ConversationSummary;
import org.supportinbox.contracts.rest.ConversationView;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.contracts.rest.ReadPosition;
import org.supportinbox.messaging.domain.AiInsight;
import org.supportinbox.messaging.domain.Attachment;
import org.supportinbox.messaging.domain.AttachmentRepository;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.Conversation;
import org.supportinbox.messaging.domain.ConversationRepository;
import org.supportinbox.messaging.domain.EmailDelivery;
import org.supportinbox.messaging.domain.EmailDeliveryRepository;
import org.supportinbox.messaging.domain.InsightRepository;
import org.supportinbox.messaging.domain.InvalidValueException;
import org.supportinbox.messaging.domain.Message;
import org.supportinbox.messaging.domain.MessageRepository;
import org.supportinbox.messaging.domain.NotFoundException;
import org.supportinbox.messaging.domain.ReadPositionRepository;

/** Reads the inbox (list and thread) and changes a conversation's status and assignee. */
@ApplicationScoped
public class ConversationService {

  @Inject ConversationRepository conversations;

  @Inject MessageRepository messages;

  @Inject InsightRepository insights;

  @Inject ReadPositionRepository readPositions;

  @Inject EmailDeliveryRepository deliveries;

  @Inject AttachmentRepository attachments;

  @Inject ApplicationEvents events;

  /** The thread: the conversation and every message, in created order, each with its insight. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ConversationView get(UUID id) {
    Conversation c = conversations.find(id);
    if (c == null) {
      throw new NotFoundException("conversation", id);
    }
    Map<UUID, AiInsight> byMessage = insights.ofConversation(id);
    Map<UUID, EmailDelivery> mails =
        // A chat has mail deliveries (email fallbacks) once it has a mail token.
        c.channel() == Channel.EMAIL || c.emailToken() != null
            ? deliveries.ofConversation(id)
            : Map.of();
    Map<UUID, List<Attachment>> files = attachments.ofConversation(id);
    List<MessageView> views =
        messages.ofConversation(id).stream()
            .map(m -> Views.message(m, byMessage.get(m.id()), mails.get(m.id()), files.get(m.id())))
            .toList();
    return Views.conversation(c, views);
  }

  /**
   * The customer's other conversations (the same email, in any case), newest activity first, at
   * most {@code limit}; none when the conversation has no email. One page: a returning customer's
   * history, not a walk.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ConversationPage related(UUID id, int limit) {
    Conversation c = conversations.find(id);
    if (c == null) {
      throw new NotFoundException("conversation", id);
    }
    if (c.customerEmail() == null || c.customerEmail().isBlank()) {
      return new ConversationPage(List.of(), null);
    }
    return new ConversationPage(
        conversations.ofCustomer(c.customerEmail(), id, limit).stream()
            .map(Views::summary)
            .toList(),
        null);
  }

  /**
   * A page of a view of the inbox after {@code cursor} (null: from the top). Keyset pagination, so
   * a page costs the same however deep it is and rows never repeat or go missing between pages
   * while new messages arrive. With a {@code reader}, each row says how many customer messages the
   * reader has not read (one more query per page).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ConversationPage list(
      ConversationRepository.View view, int limit, Cursor cursor, String reader) {
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
    if (reader == null) {
      return new ConversationPage(page.stream().map(Views::summary).toList(), next);
    }
    Map<UUID, Integer> unread =
        readPositions.unread(reader, page.stream().map(Conversation::id).toList());
    return new ConversationPage(
        page.stream().map(c -> Views.summary(c, unread.getOrDefault(c.id(), 0))).toList(), next);
  }

  /**
   * The size of each view, each counted up to {@code cap}; {@code mine} for {@code assignee}, and
   * {@code unread} (conversations in mine and unassigned with a customer message {@code assignee}
   * has not read), or both null without one.
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
        cap,
        assignee == null ? null : readPositions.unreadConversations(assignee, cap));
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
   * Moves {@code reader}'s read position in the conversation forward to {@code messageId} (a
   * message of this conversation), or to its latest message when null, and tells the reader's other
   * tabs ({@code conversation.read}) when it moved. A position never moves back: marking an older
   * message read changes nothing.
   */
  @Transactional
  public ReadPosition markRead(UUID id, String reader, UUID messageId) {
    Conversation c = conversations.find(id);
    if (c == null) {
      throw new NotFoundException("conversation", id);
    }
    Instant upTo = c.lastMessageAt();
    if (messageId != null) {
      Message m = messages.find(messageId);
      if (m == null || !m.conversationId().equals(id)) {
        throw new InvalidValueException(
            "message_id", "message_id must name a message of conversation " + id);
      }
      upTo = m.createdAt();
    }
    if (readPositions.advance(reader, id, upTo, Clock.now())) {
      events.conversationWasRead(id, reader, upTo);
    }
    Instant position = readPositions.position(reader, id);
    int unread = readPositions.unread(reader, List.of(id)).getOrDefault(id, 0);
    return new ReadPosition(id, reader, position, unread);
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
