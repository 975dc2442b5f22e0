package org.supportinbox.messaging.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.supportinbox.contracts.Channel;
import org.supportinbox.contracts.ConversationStatus;
import org.supportinbox.contracts.Sender;

/** A customer's conversation with the support team. Rows are created by native upsert. */
@Entity
@Table(name = "conversations")
public class Conversation {

  @Id private UUID id;

  @Column(nullable = false)
  private ConversationStatus status;

  @Column(name = "customer_name", nullable = false)
  private String customerName;

  @Column(name = "customer_email")
  private String customerEmail;

  private String assignee;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "last_message_at", nullable = false)
  private Instant lastMessageAt;

  @Column(name = "last_message_preview")
  private String lastMessagePreview;

  @Column(name = "last_message_sender")
  private Sender lastMessageSender;

  @Column(name = "latest_customer_message_id")
  private UUID latestCustomerMessageId;

  @Column(name = "last_customer_message_at")
  private Instant lastCustomerMessageAt;

  @Column(name = "latest_intent")
  private String latestIntent;

  @Column(name = "latest_urgency")
  private String latestUrgency;

  @Column(name = "snoozed_until")
  private Instant snoozedUntil;

  @Column(nullable = false)
  private Channel channel;

  @Column(name = "email_subject")
  private String emailSubject;

  @Column(name = "email_token")
  private String emailToken;

  /** Every message created at or before it counts as read by the customer (null: none). */
  @Column(name = "customer_read_up_to")
  private Instant customerReadUpTo;

  /** The database's rank of {@code latestUrgency} (3 high .. 0 none), for sorting; read only. */
  @Column(name = "urgency_rank", insertable = false, updatable = false)
  private Short urgencyRank;

  protected Conversation() {}

  /**
   * Records a new message as the conversation's latest activity. A customer writing into a pending,
   * snoozed or resolved conversation reopens it, as the support tools people know do: the answer
   * the team waited for, or a new question, belongs in the open view.
   *
   * @return whether the status changed (the caller publishes {@code conversation.updated})
   */
  public boolean messageAdded(Message message) {
    ConversationStatus before = status;
    lastMessageAt = message.createdAt();
    updatedAt = message.createdAt();
    lastMessagePreview = preview(message.content());
    lastMessageSender = message.sender();
    if (message.sender() == Sender.CUSTOMER) {
      latestCustomerMessageId = message.id();
      lastCustomerMessageAt = message.createdAt();
      latestIntent = null;
      latestUrgency = null;
      if (status != ConversationStatus.OPEN) {
        status = ConversationStatus.OPEN;
        snoozedUntil = null;
      }
    }
    return status != before;
  }

  /**
   * Shows an insight's intent and urgency in the list when it is about the latest customer message.
   * An insight in {@code processing} has neither, so the list shows none while it is analysed.
   */
  public void insightStored(AiInsight insight) {
    if (insight.messageId().equals(latestCustomerMessageId)) {
      latestIntent = insight.intent();
      latestUrgency = insight.urgency();
    }
  }

  /** Any status but {@code snoozed} (that is {@link #snooze}); ends a snooze. */
  public void changeStatus(ConversationStatus newStatus, Instant at) {
    if (newStatus == ConversationStatus.SNOOZED) {
      throw new InvalidValueException("snoozed_until", "snoozing needs snoozed_until");
    }
    status = newStatus;
    snoozedUntil = null;
    updatedAt = at;
  }

  /** Out of the open view until {@code until} (after {@code at}), or until the customer writes. */
  public void snooze(Instant until, Instant at) {
    if (!until.isAfter(at)) {
      throw new InvalidValueException("snoozed_until", "snoozed_until must be in the future");
    }
    status = ConversationStatus.SNOOZED;
    snoozedUntil = until;
    updatedAt = at;
  }

  /**
   * A snooze that is due ends: open again. False (nothing changes) unless it is snoozed until
   * {@code at} or earlier, so that a second wake-up of the same conversation does nothing.
   */
  public boolean wake(Instant at) {
    if (status != ConversationStatus.SNOOZED || snoozedUntil.isAfter(at)) {
      return false;
    }
    status = ConversationStatus.OPEN;
    snoozedUntil = null;
    updatedAt = at;
    return true;
  }

  /**
   * The customer has seen every message up to {@code upTo}. The position only moves forward: an
   * older mark arriving late changes nothing.
   *
   * @return whether it moved
   */
  public boolean customerRead(Instant upTo) {
    if (customerReadUpTo != null && !upTo.isAfter(customerReadUpTo)) {
      return false;
    }
    customerReadUpTo = upTo;
    return true;
  }

  /** Whether the customer has read {@code message} (their position is at or after it). */
  public boolean customerHasRead(Message message) {
    return customerReadUpTo != null && !message.createdAt().isAfter(customerReadUpTo);
  }

  /** The token of mails about this conversation, given once (a chat's first email fallback). */
  public void giveEmailToken(String token) {
    if (emailToken != null) {
      throw new IllegalStateException("conversation " + id + " has a token already");
    }
    emailToken = token;
  }

  public Instant customerReadUpTo() {
    return customerReadUpTo;
  }

  public void assign(String operator, Instant at) {
    assignee = operator;
    updatedAt = at;
  }

  public UUID id() {
    return id;
  }

  public ConversationStatus status() {
    return status;
  }

  public String customerName() {
    return customerName;
  }

  public String customerEmail() {
    return customerEmail;
  }

  public String assignee() {
    return assignee;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** When the latest customer message came (null before the first): what "unread" compares. */
  public Instant lastCustomerMessageAt() {
    return lastCustomerMessageAt;
  }

  public UUID latestCustomerMessageId() {
    return latestCustomerMessageId;
  }

  public Instant lastMessageAt() {
    return lastMessageAt;
  }

  public String lastMessagePreview() {
    return lastMessagePreview;
  }

  public Sender lastMessageSender() {
    return lastMessageSender;
  }

  public String latestIntent() {
    return latestIntent;
  }

  public String latestUrgency() {
    return latestUrgency;
  }

  public Instant snoozedUntil() {
    return snoozedUntil;
  }

  /** Where the conversation started, and where replies to the customer go. */
  public Channel channel() {
    return channel == null ? Channel.CHAT : channel;
  }

  /** The subject of the customer's first mail (email conversations); null otherwise. */
  public String emailSubject() {
    return emailSubject;
  }

  /** The token that threads mail into this conversation (email conversations); null otherwise. */
  public String emailToken() {
    return emailToken;
  }

  /** 3 (high) .. 0 (none), as last read from the database. */
  public int urgencyRank() {
    return urgencyRank == null ? 0 : urgencyRank;
  }

  /** Code points of a message kept as the conversation's preview. */
  static final int PREVIEW = 140;

  /** The first {@link #PREVIEW} code points of {@code content}, with "…" when cut. */
  static String preview(String content) {
    if (content.codePointCount(0, content.length()) <= PREVIEW) {
      return content;
    }
    return content.substring(0, content.offsetByCodePoints(0, PREVIEW)) + "…";
  }
}
