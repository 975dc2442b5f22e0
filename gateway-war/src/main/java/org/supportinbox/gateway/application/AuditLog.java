package org.supportinbox.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.logging.Logger;
import org.supportinbox.gateway.domain.AuditEntry;
import org.supportinbox.gateway.domain.AuditRepository;
import org.supportinbox.platform.LogText;

/**
 * Security-relevant events (account locks, operator changes, deleted saved replies): a row in
 * {@code audit_log}, written in the transaction of what it records, and the same as a WARNING log
 * line.
 */
@ApplicationScoped
public class AuditLog {

  private static final Logger LOG = Logger.getLogger("org.supportinbox.gateway.audit");

  @Inject AuditRepository entries;

  @Transactional(Transactional.TxType.MANDATORY)
  public void record(
      Instant at, String actor, String action, String subject, String client, String detail) {
    entries.add(new AuditEntry(at, action, actor, subject, client, detail));
    LOG.warning(
        () ->
            "AUDIT "
                + action
                + (actor == null ? "" : " actor=" + LogText.of(actor))
                + (subject == null ? "" : " subject=" + LogText.of(subject))
                + (client == null ? "" : " client=" + client)
                + " "
                + LogText.of(detail));
  }

  /**
   * {@link #record} in a transaction of its own, for what was done elsewhere and is recorded once
   * it is done (a saved reply that messaging deleted): there is no transaction of the gateway's to
   * join.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void recordDone(
      Instant at, String actor, String action, String subject, String client, String detail) {
    record(at, actor, action, subject, client, detail);
  }
}
