package org.supportinbox.contracts.rest;

import java.util.List;

/**
 * A page of the audit log, newest first; pass {@code nextCursor} back as {@code cursor}, null on
 * the last page.
 */
public record AuditPage(List<AuditEntryView> entries, String nextCursor) {}
