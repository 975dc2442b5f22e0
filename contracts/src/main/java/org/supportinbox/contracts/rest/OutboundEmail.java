package org.supportinbox.contracts.rest;

import java.util.List;
import java.util.UUID;

/**
 * What messaging's {@code POST /email/deliveries/{message_id}/claim} answers: the reply's mail,
 * with everything the mail function needs to send it, and whether the caller holds it now.
 *
 * @param granted the caller holds the delivery (status {@code sending}) until {@code lease_seconds}
 *     have passed or it reports; false when it is settled (sent, failed) or another replica holds
 *     it
 * @param delivery the delivery's state after the claim
 * @param toAddress the customer's address
 * @param toName the customer's name
 * @param fromName the operator who wrote the reply (the mail's display name, with the support
 *     address)
 * @param subject the subject, {@code Re: <the customer's subject> [#<token>]}
 * @param content the reply's text
 * @param inReplyTo the {@code Message-ID} the reply answers (the latest mail of the conversation),
 *     without angle brackets; null when the conversation has none
 * @param references the conversation's mail ids, oldest first, without angle brackets
 * @param token the conversation's token, for the reply address {@code support+TOKEN@…}
 * @param attachments the reply's files as metadata, in order; the mail function fetches each one's
 *     bytes from {@code GET /email/deliveries/{message_id}/attachments/{id}} and mails them as
 *     parts of the mail; empty when none (null from a messaging older than outgoing files)
 */
public record OutboundEmail(
    UUID messageId,
    UUID conversationId,
    boolean granted,
    int leaseSeconds,
    EmailDeliveryView delivery,
    String toAddress,
    String toName,
    String fromName,
    String subject,
    String content,
    String inReplyTo,
    List<String> references,
    String token,
    List<AttachmentView> attachments) {}
