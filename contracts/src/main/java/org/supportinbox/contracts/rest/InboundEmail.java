package org.supportinbox.contracts.rest;

import java.util.List;
import org.supportinbox.contracts.Required;

/**
 * The body of messaging's {@code POST /email/inbound}: one mail the mail function read from the
 * support mailbox, already reduced to what is kept (plain text without quoted history and
 * signature). Messaging stores it once per {@code message_id}: in the conversation it answers, or
 * in a new email conversation.
 *
 * @param messageId the mail's {@code Message-ID} without angle brackets (or, when it has none, one
 *     the function derived from its content): the key that makes a mail read twice stored once
 * @param inReplyTo the {@code In-Reply-To} ids, without angle brackets; may be empty
 * @param references the {@code References} ids, oldest first, without angle brackets; may be empty
 * @param token the conversation token found in the reply address ({@code support+TOKEN@…}) or in
 *     the subject ({@code [#TOKEN]}); null when none
 * @param fromAddress the sender's address ({@code From}, or {@code Reply-To} when it has one)
 * @param fromName the sender's display name; null when none
 * @param subject the subject, without {@code Re:}/{@code Fwd:} prefixes; may be empty
 * @param content the plain text kept of the mail (with a note for each attachment that was dropped)
 * @param attachments the mail's attachments within the limits of {@link InboundAttachment}; null or
 *     empty when none (optional since the attachments were added)
 */
public record InboundEmail(
    @Required String messageId,
    List<String> inReplyTo,
    List<String> references,
    String token,
    @Required String fromAddress,
    String fromName,
    String subject,
    @Required String content,
    List<InboundAttachment> attachments) {}
