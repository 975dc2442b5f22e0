package org.supportinbox.gateway.domain;

import java.time.Instant;

/**
 * Which audit entries to read; a null field does not filter. {@code actor} and {@code subject}
 * match exactly, {@code from} is inclusive and {@code to} exclusive.
 */
public record AuditFilter(String action, String actor, String subject, Instant from, Instant to) {}
