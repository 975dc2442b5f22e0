package org.supportinbox.contracts.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The mail of an operator's reply changed state: {@code queued} when the reply was stored (the mail
 * function sends on it), when an email fallback fell due, or queued again for a retry, then {@code
 * sent} or {@code failed}; an email fallback is {@code scheduled} when the reply is stored and ends
 * {@code not_needed} when the customer read the reply in the chat before it was due. Published by
 * messaging through its outbox, in the transaction of the change; the mail function reads the mail
 * itself ({@code POST /email/deliveries/{id}/claim}), so an event delivered twice or late does no
 * harm.
 *
 * @param status a {@code DeliveryStatus}: {@code scheduled}, {@code queued}, {@code sent}, {@code
 *     failed} or {@code not_needed}
 * @param attempts SMTP tries so far
 * @param error why the latest try failed; null when none did
 * @param kind a {@code DeliveryKind}: {@code email} or {@code fallback} (optional: added later,
 *     null from an older publisher, which meant {@code email})
 * @param dueAt when the mail may go out (optional, like {@code kind})
 * @param requeued {@code queued} again by messaging after the claim of a try lapsed unreported (the
 *     replica holding it stopped, and with it its retries): the mail function sends on it as on the
 *     first {@code queued} event (optional: added later, absent means false)
 */
public record EmailDeliveryChanged(
    UUID eventId,
    String eventType,
    Instant occurredAt,
    int schemaVersion,
    UUID conversationId,
    UUID messageId,
    String status,
    int attempts,
    String error,
    Instant updatedAt,
    String kind,
    Instant dueAt,
    boolean requeued) {

  public static final String TYPE = "email.delivery_changed";
  public static final int SCHEMA_VERSION = 1;

  public static EmailDeliveryChanged of(
      UUID conversationId,
      UUID messageId,
      String status,
      int attempts,
      String error,
      Instant updatedAt,
      String kind,
      Instant dueAt,
      boolean requeued) {
    return new EmailDeliveryChanged(
        UUID.randomUUID(),
        TYPE,
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        SCHEMA_VERSION,
        conversationId,
        messageId,
        status,
        attempts,
        error,
        updatedAt,
        kind,
        dueAt,
        requeued);
  }
}
