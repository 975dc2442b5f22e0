package org.supportinbox.contracts.rest;

import java.time.Instant;

/**
 * The mail of an operator's reply in an email conversation, as operators see it.
 *
 * @param status a {@code DeliveryStatus}'s wire form: queued, sending, sent or failed
 * @param attempts SMTP tries so far
 * @param lastError why the latest try failed (kept while queued for the next try, and when failed);
 *     null after a success
 * @param emailMessageId the mail's {@code Message-ID} (without angle brackets), fixed when the
 *     reply is stored, so that every try sends the same mail
 * @param sentAt when the SMTP server took it; null until then
 */
public record EmailDeliveryView(
    String status,
    int attempts,
    String lastError,
    String emailMessageId,
    Instant updatedAt,
    Instant sentAt) {}
