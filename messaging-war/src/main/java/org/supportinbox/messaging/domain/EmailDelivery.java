package org.supportinbox.messaging.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.supportinbox.contracts.DeliveryKind;
import org.supportinbox.contracts.DeliveryStatus;

/**
 * The mail of one operator reply: in an email conversation ({@link #queued}), or the email fallback
 * of a chat conversation whose customer gave an email ({@link #fallback}). Written with the reply,
 * in its transaction, and then moved on by the mail function through {@link #claim} and one of
 * {@link #sent}, {@link #retry} or {@link #failed}. A reply is sent only while a replica holds its
 * claim, and never again once it is {@code sent}: that, with the mail's fixed {@code Message-ID},
 * is what keeps a retried, redelivered or restarted send from reaching the customer twice.
 *
 * <p>A fallback waits {@code scheduled} until its {@code due_at}; then {@link #fallDue} makes it
 * {@code queued} (the mail function's event), or {@code not_needed} when the customer has read the
 * reply by then. A claim repeats that check, so a customer who reads it between the two is not
 * mailed either; once {@code sending}, the mail goes.
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

  @Column(nullable = false)
  private DeliveryKind kind;

  @Column(name = "due_at", nullable = false)
  private Instant dueAt;

  protected EmailDelivery() {}

  /** A reply's mail in an email conversation, queued when the reply is stored. */
  public static EmailDelivery queued(Message reply) {
    EmailDelivery d = new EmailDelivery();
    d.messageId = reply.id();
    d.conversationId = reply.conversationId();
    d.status = DeliveryStatus.QUEUED;
    d.kind = DeliveryKind.EMAIL;
    d.createdAt = reply.createdAt();
    d.updatedAt = reply.createdAt();
    d.dueAt = reply.createdAt();
    return d;
  }

  /** A chat reply's email fallback, scheduled for {@code after} the reply when it is stored. */
  public static EmailDelivery fallback(Message reply, Duration after) {
    EmailDelivery d = queued(reply);
    d.status = DeliveryStatus.SCHEDULED;
    d.kind = DeliveryKind.FALLBACK;
    d.dueAt = reply.createdAt().plus(after);
    return d;
  }

  /**
   * A scheduled fallback whose time came: {@code queued}, or {@code not_needed} when {@code
   * customerRead} (the customer has read the reply). Anything else is left as it is.
   *
   * @return whether it changed
   */
  public boolean fallDue(boolean customerRead, Instant at) {
    if (status != DeliveryStatus.SCHEDULED || dueAt.isAfter(at)) {
      return false;
    }
    status = customerRead ? DeliveryStatus.NOT_NEEDED : DeliveryStatus.QUEUED;
    updatedAt = at;
    return true;
  }

  /**
   * The customer read the reply in the chat: a fallback not yet being sent is not needed any more.
   *
   * @return whether it changed
   */
  public boolean readByCustomer(Instant at) {
    if (kind != DeliveryKind.FALLBACK
        || (status != DeliveryStatus.SCHEDULED && status != DeliveryStatus.QUEUED)) {
      return false;
    }
    status = DeliveryStatus.NOT_NEEDED;
    lastError = null;
    updatedAt = at;
    return true;
  }

  /** {@link #claim(String, Instant, Duration, boolean)} of a reply the customer has not read. */
  public boolean claim(String worker, Instant at, Duration lease) {
    return claim(worker, at, lease, false);
  }

  /**
   * {@code worker} asks to send the mail now: granted (status {@code sending} until {@code at +
   * lease}, one more attempt) unless it is settled or another worker holds an unexpired claim. A
   * worker may take its own claim again (its own event, retried; the mail function names each of
   * its processes apart, so this never hands a claim to another replica or to a restart).
   *
   * <p>A fallback is not granted before its {@code due_at}; from then on {@code customerRead} (the
   * customer has read the reply) settles it {@code not_needed} instead of a claim.
   *
   * @return whether {@code worker} holds the claim now
   */
  public boolean claim(String worker, Instant at, Duration lease, boolean customerRead) {
    if (settled() || (kind == DeliveryKind.FALLBACK && dueAt.isAfter(at))) {
      return false;
    }
    if (kind == DeliveryKind.FALLBACK
        && customerRead
        && (status == DeliveryStatus.SCHEDULED || status == DeliveryStatus.QUEUED)) {
      status = DeliveryStatus.NOT_NEEDED;
      lastError = null;
      updatedAt = at;
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

  /**
   * A claim that ran out at {@code at} without a report, and nobody took it up since: the replica
   * holding it stopped (and with it the retries of its event), or lost messaging for longer than
   * the lease. {@code queued} again, the holder named in the reason, so that a new event sends it;
   * or {@code failed} when {@code maxAttempts} tries have been claimed already, so that a mail that
   * stops every replica trying it is not tried for ever.
   *
   * @return whether it changed
   */
  public boolean lapse(Instant at, int maxAttempts) {
    if (status != DeliveryStatus.SENDING || claimedUntil.isAfter(at)) {
      return false;
    }
    String holder = claimedBy;
    if (attempts >= maxAttempts) {
      failed(
          "gave up after "
              + attempts
              + " tries: the claim of the last one ("
              + holder
              + ") lapsed without a report",
          at);
    } else {
      status = DeliveryStatus.QUEUED;
      lastError = clip("the claim of " + holder + " lapsed without a report; queued again");
      release(at);
    }
    return true;
  }

  /** Sent, failed or not needed: nothing changes it any more. */
  public boolean settled() {
    return status == DeliveryStatus.SENT
        || status == DeliveryStatus.FAILED
        || status == DeliveryStatus.NOT_NEEDED;
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

  /** The reply's time. */
  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public Instant sentAt() {
    return sentAt;
  }

  public DeliveryKind kind() {
    return kind;
  }

  public Instant dueAt() {
    return dueAt;
  }
}
