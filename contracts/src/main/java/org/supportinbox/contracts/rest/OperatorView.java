package org.supportinbox.contracts.rest;

import java.time.Instant;

/** An operator account as admins see it (never its password hash). */
public record OperatorView(
    String username,
    String displayName,
    String role,
    boolean disabled,
    Instant createdAt,
    Instant updatedAt) {}
