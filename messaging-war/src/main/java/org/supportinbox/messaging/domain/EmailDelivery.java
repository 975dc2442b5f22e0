package org.supportinbox.messaging.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.supportinbox.contracts.DeliveryStatus;

/**
 * The mail of one operator reply in an email conversation: written with the reply, in its
 * transaction, and then moved on by the mail function through {@link #claim} and one of {@link
 * #sent}, {@link #retry} or {@link #failed}. A reply is sent only while a replica holds its claim,
 * and never again once it is {@code sent}: that, with the mail's fixed {@code Message-ID}, is what
 * keeps a retried, redelivered or restarted send from reaching the customer twice.
 */
@Entity
@Table(name = "email_deliveries")
public class EmailDelivery {

  /** Longest text kept of a failure's reason. */
  static final int MAX_ERROR = 500;

  @Id
  @Column(name = "message_id")
  private UUID messageId;

  @Column(name = "conversation_id", nullable = false)
  private UUID conversationId;

  @Column(nullable = false)
  private DeliveryStatus status;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "last_error")
  private String lastError;

  @Column(name = "claimed_by")
  private String claimedBy;

  @Column(name = "claimed_until")
  private Instant claimedUntil;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "sent_at")
  private Instant sentAt;

  protected EmailDelivery() {}

  /** A reply's mail, queued when the reply is stored. */
  public static EmailDelivery queued(Message reply) {
    EmailDelivery d = new EmailDelivery();
    d.messageId = reply.id();
    d.conversationId = reply.conversationId();
    d.status = DeliveryStatus.QUEUED;
    d.createdAt = reply.createdAt();
    d.updatedAt = reply.createdAt();
    return d;
  }

  /**
   * {@code worker} asks to send the mail now: granted (status {@code sending} until {@code at +
   * lease}, one more attempt) unless it is settled or another worker holds an unexpired claim. A
   * worker may take its own claim again (its own event, retried; the mail function names each of
   * its processes apart, so this never hands a claim to another replica or to a restart).
   *
   * @return whether {@code worker} holds the claim now
   */
  public boolean claim(String worker, Instant at, Duration lease) {
    if (settled()) {
      return false;
    }
    if (status == DeliveryStatus.SENDING && claimedUntil.isAfter(at) && !claimedBy.equals(worker)) {
      return false;
    }
    status = DeliveryStatus.SENDING;
    claimedBy = worker;
    claimedUntil = at.plus(lease);
    attempts++;
    updatedAt = at;
    return true;
  }

  /** The SMTP server took the mail. */
  public void sent(Instant at) {
    status = DeliveryStatus.SENT;
    sentAt = at;
    lastError = null;
    release(at);
  }

  /** The try failed for a reason that may pass: queued for the next one, the reason kept. */
  public void retry(String error, Instant at) {
    status = DeliveryStatus.QUEUED;
    lastError = clip(error);
    release(at);
  }

  /** Given up: the reason kept. */
  public void failed(String error, Instant at) {
    status = DeliveryStatus.FAILED;
    lastError = clip(error);
    release(at);
  }

  /** Sent or failed: nothing changes it any more. */
  public boolean settled() {
    return status == DeliveryStatus.SENT || status == DeliveryStatus.FAILED;
  }

  /** Whether {@code worker} holds the claim. */
  public boolean heldBy(String worker) {
    return status == DeliveryStatus.SENDING && claimedBy.equals(worker);
  }

  private void release(Instant at) {
    claimedBy = null;
    claimedUntil = null;
    updatedAt = at;
  }

  private static String clip(String error) {
    if (error == null || error.isBlank()) {
      return "no reason given";
    }
    String e = error.strip();
    return e.length() <= MAX_ERROR ? e : e.substring(0, MAX_ERROR) + "…";
  }

  public UUID messageId() {
    return messageId;
  }

  public UUID conversationId() {
    return conversationId;
  }

  public DeliveryStatus status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }

  public String lastError() {
    return lastError;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public Instant sentAt() {
    return sentAt;
  }
}
