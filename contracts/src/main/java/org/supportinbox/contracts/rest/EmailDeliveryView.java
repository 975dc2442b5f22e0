package org.supportinbox.contracts.rest;

import java.time.Instant;

/**
 * The mail of an operator's reply, as operators see it: in an email conversation, or the email
 * fallback of a chat conversation.
 *
 * @param status a {@code DeliveryStatus}'s wire form: scheduled, queued, sending, sent, failed or
 *     not_needed
 * @param attempts SMTP tries so far
 * @param lastError why the latest try failed (kept while queued for the next try, and when failed);
 *     null after a success
 * @param emailMessageId the mail's {@code Message-ID} (without angle brackets), fixed when the
 *     reply is stored, so that every try sends the same mail
 * @param sentAt when the SMTP server took it; null until then
 * @param kind a {@code DeliveryKind}'s wire form: email or fallback
 * @param dueAt when the mail may go out: a fallback's is {@code EMAIL_FALLBACK_AFTER} after the
 *     reply
 */
public record EmailDeliveryView(
    String status,
    int attempts,
    String lastError,
    String emailMessageId,
    Instant updatedAt,
    Instant sentAt,
    String kind,
    Instant dueAt) {}
