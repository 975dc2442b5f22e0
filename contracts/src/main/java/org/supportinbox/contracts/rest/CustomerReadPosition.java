package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * The customer's read position in their conversation (the gateway's {@code POST /customer/read},
 * messaging's {@code PUT /conversations/{id}/customer-read}): every message created at or before
 * {@code readUpTo} counts as read by the customer, so no email fallback is sent for it.
 *
 * @param readUpTo null while the customer has read nothing
 */
public record CustomerReadPosition(UUID conversationId, Instant readUpTo) {}
