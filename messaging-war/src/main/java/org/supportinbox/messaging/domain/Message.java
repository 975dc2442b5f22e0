package org.supportinbox.messaging.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.supportinbox.contracts.Sender;

/**
 * One message of a conversation; immutable once stored. An {@code internal} one is an operators'
 * note: for the team only, never shown to the customer, never analysed.
 */
@Entity
@Table(name = "messages")
public class Message {

  @Id private UUID id;

  @Column(name = "conversation_id", nullable = false)
  private UUID conversationId;

  @Column(nullable = false)
  private Sender sender;

  @Column(name = "sender_name")
  private String senderName;

  @Column(nullable = false)
  private String content;

  @Column(name = "client_message_id")
  private String clientMessageId;

  @Column(nullable = false)
  private boolean internal;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  /** The mail's Message-ID (no angle brackets): the mail it came in as, or went out as. */
  @Column(name = "email_message_id")
  private String emailMessageId;

  protected Message() {}

  /** A customer's message that came in as the mail {@code emailMessageId}. */
  public static Message fromMail(
      UUID conversationId,
      String senderName,
      String content,
      String emailMessageId,
      Instant createdAt) {
    Message m =
        new Message(conversationId, Sender.CUSTOMER, senderName, content, null, false, createdAt);
    m.emailMessageId = emailMessageId;
    return m;
  }

  /** An operator's reply went out as the mail {@code id}; the first id recorded stays. */
  public void sentAsMail(String id) {
    if (emailMessageId == null && id != null) {
      emailMessageId = id;
    }
  }

  public Message(
      UUID conversationId,
      Sender sender,
      String senderName,
      String content,
      String clientMessageId,
      boolean internal,
      Instant createdAt) {
    if (internal && sender != Sender.OPERATOR) {
      throw new InvalidValueException("internal", "only operators write notes");
    }
    this.internal = internal;
    this.id = UUID.randomUUID();
    this.conversationId = conversationId;
    this.sender = sender;
    this.senderName = senderName;
    this.content = content;
    this.clientMessageId = clientMessageId;
    this.createdAt = createdAt;
  }

  public UUID id() {
    return id;
  }

  public UUID conversationId() {
    return conversationId;
  }

  public Sender sender() {
    return sender;
  }

  public String senderName() {
    return senderName;
  }

  public String content() {
    return content;
  }

  public String clientMessageId() {
    return clientMessageId;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String emailMessageId() {
    return emailMessageId;
  }

  /** An operators' note. */
  public boolean internal() {
    return internal;
  }
}
