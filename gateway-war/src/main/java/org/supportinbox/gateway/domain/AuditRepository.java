package org.supportinbox.gateway.domain;

import java.time.Instant;
import java.util.List;

/** The audit log's entries (the port; stored by {@code JpaAuditRepository}). */
public interface AuditRepository {

  void add(AuditEntry entry);

  /**
   * Up to {@code limit} entries matching {@code filter}, newest first ({@code at}, then {@code id},
   * both descending), after the entry ({@code afterAt}, {@code afterId}) or from the newest when
   * those are null. Keyset pagination: a page costs the same however deep it is, and entries
   * written meanwhile never shift the pages that follow.
   */
  List<AuditEntry> page(AuditFilter filter, Instant afterAt, Long afterId, int limit);

  /**
   * Deletes at most {@code batch} of the entries older than {@code cutoff} (oldest first); how
   * many. Idempotent, so gateway instances running it at the same time only share the work.
   */
  int forgetBefore(Instant cutoff, int batch);
}
