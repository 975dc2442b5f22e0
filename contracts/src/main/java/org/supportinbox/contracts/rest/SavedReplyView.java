package org.supportinbox.contracts.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * A saved reply of the team's library, as operators read it.
 *
 * @param shortcut what an operator types after {@code /} in the composer: 1..32 of {@code a-z},
 *     {@code 0-9}, {@code -} and {@code _}, unique in the library
 * @param body the text, with {@code {{customer.name}}} and {@code {{operator.name}}} unfilled
 * @param createdBy the display name of the operator who created it (from the token)
 * @param updatedBy the display name of the operator who changed it last; the creator until then
 */
public record SavedReplyView(
    UUID id,
    String title,
    String shortcut,
    String body,
    String createdBy,
    Instant createdAt,
    String updatedBy,
    Instant updatedAt) {}
