package org.supportinbox.contracts.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The mail of an operator's reply in an email conversation changed state: {@code queued} when the
 * reply was stored (the mail function sends on it) or queued again for a retry, then {@code sent}
 * or {@code failed}. Published by messaging through its outbox, in the transaction of the change;
 * the mail function reads the mail itself ({@code POST /email/deliveries/{id}/claim}), so an event
 * delivered twice or late does no harm.
 *
 * @param status {@code queued}, {@code sent} or {@code failed} (a {@code DeliveryStatus})
 * @param attempts SMTP tries so far
 * @param error why the latest try failed; null when none did
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
    Instant updatedAt) {

  public static final String TYPE = "email.delivery_changed";
  public static final int SCHEMA_VERSION = 1;

  public static EmailDeliveryChanged of(
      UUID conversationId,
      UUID messageId,
      String status,
      int attempts,
      String error,
      Instant updatedAt) {
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
        updatedAt);
  }
}
