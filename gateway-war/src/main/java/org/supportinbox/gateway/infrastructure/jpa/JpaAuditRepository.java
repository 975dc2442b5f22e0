package org.supportinbox.gateway.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supportinbox.gateway.domain.AuditEntry;
import org.supportinbox.gateway.domain.AuditRepository;

/** The audit log in the {@code audit_log} table, in the caller's transaction. */
@ApplicationScoped
public class JpaAuditRepository implements AuditRepository {

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Override
  public void add(AuditEntry entry) {
    em.persist(entry);
  }
}
