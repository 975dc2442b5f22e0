package org.supportinbox.gateway.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.supportinbox.gateway.domain.AuditEntry;
import org.supportinbox.gateway.domain.AuditFilter;
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

  /**
   * Only the conditions that filter are in the query (a null parameter would leave PostgreSQL
   * guessing its type). The order and the keyset condition match the index {@code
   * audit_log_at_id_idx (at desc, id desc)} of V3.
   */
  @Override
  public List<AuditEntry> page(AuditFilter filter, Instant afterAt, Long afterId, int limit) {
    List<String> where = new ArrayList<>();
    Map<String, Object> parameters = new LinkedHashMap<>();
    if (filter.action() != null) {
      where.add("e.action = :action");
      parameters.put("action", filter.action());
    }
    // Case-insensitive: user names are stored lower-case, but a subject may be another name.
    if (filter.actor() != null) {
      where.add("lower(e.actor) = lower(:actor)");
      parameters.put("actor", filter.actor());
    }
    if (filter.subject() != null) {
      where.add("lower(e.subject) = lower(:subject)");
      parameters.put("subject", filter.subject());
    }
    if (filter.from() != null) {
      where.add("e.at >= :from");
      parameters.put("from", filter.from());
    }
    if (filter.to() != null) {
      where.add("e.at < :to");
      parameters.put("to", filter.to());
    }
    if (afterAt != null && afterId != null) {
      // "at <= afterAt" first: the index scan starts at the cursor instead of filtering its way
      // down from the newest entry, so a deep page costs what the first one does.
      where.add("e.at <= :afterAt and (e.at < :afterAt or e.id < :afterId)");
      parameters.put("afterAt", afterAt);
      parameters.put("afterId", afterId);
    }
    TypedQuery<AuditEntry> query =
        em.createQuery(
            "select e from AuditEntry e"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by e.at desc, e.id desc",
            AuditEntry.class);
    parameters.forEach(query::setParameter);
    return query.setMaxResults(limit).getResultList();
  }

  @Override
  public int forgetBefore(Instant cutoff, int batch) {
    return em.createNativeQuery(
            "delete from audit_log where id in"
                + " (select id from audit_log where at < ?1 order by at limit ?2)")
        .setParameter(1, cutoff)
        .setParameter(2, batch)
        .executeUpdate();
  }
}
