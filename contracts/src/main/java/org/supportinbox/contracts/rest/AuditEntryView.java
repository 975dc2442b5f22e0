package org.supportinbox.contracts.rest;

import java.time.Instant;

/**
 * One entry of the gateway's audit log ({@code GET /audit}): who ({@code actor}, null for the
 * system itself, e.g. a lock-out), did what ({@code action}, such as {@code operator.created} or
 * {@code login.failed}), to whom ({@code subject}, null when there is none or the user name is
 * unknown), when, from which client address ({@code client}, an IPv4 address or an IPv6 /64; null
 * for admin actions), and in words ({@code detail}).
 */
public record AuditEntryView(
    long id,
    Instant at,
    String actor,
    String action,
    String subject,
    String client,
    String detail) {}
