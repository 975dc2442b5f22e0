package org.supportinbox.gateway.domain;

/** The audit log's entries (the port; stored by {@code JpaAuditRepository}). */
public interface AuditRepository {

  void add(AuditEntry entry);
}
