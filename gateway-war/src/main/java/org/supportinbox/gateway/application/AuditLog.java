package org.supportinbox.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.supportinbox.contracts.rest.AuditPage;
import org.supportinbox.gateway.config.GatewayConfig;
import org.supportinbox.gateway.domain.AuditEntry;
import org.supportinbox.gateway.domain.AuditFilter;
import org.supportinbox.gateway.domain.AuditRepository;
import org.supportinbox.platform.LogText;

/**
 * Security-relevant events (operators created and changed, failed and locked logins, deleted saved
 * replies and knowledge-base articles): a row in {@code audit_log}, written in the transaction of
 * what it records, and the same as a WARNING log line; read back by admins ({@code GET /audit}) and
 * forgotten after {@code AUDIT_RETENTION_DAYS}.
 *
 * <p>Actions are {@code <subject kind>.<what happened>} in lower case, past tense where it reads
 * well; the ones below are written by this gateway (the UI names them in words, static-ui's {@code
 * admin-audit.js}), {@code saved_reply.deleted} by {@code SavedReplies} and {@code
 * kb_article.deleted} by {@code KnowledgeBase}. Entries written before V3 may have {@code
 * operator.changed}, one entry for several changes at once.
 */
@ApplicationScoped
public class AuditLog {

  public static final String OPERATOR_CREATED = "operator.created";
  public static final String OPERATOR_RENAMED = "operator.renamed";
  public static final String OPERATOR_ROLE_CHANGED = "operator.role_changed";
  public static final String OPERATOR_DISABLED = "operator.disabled";
  public static final String OPERATOR_ENABLED = "operator.enabled";
  public static final String OPERATOR_PASSWORD_RESET = "operator.password_reset";
  public static final String LOGIN_FAILED = "login.failed";
  public static final String LOGIN_LOCKED = "login.locked";
  public static final String LOGIN_NAME_UNDER_ATTACK = "login.name_under_attack";

  /**
   * Entries deleted per statement by {@link #forgetExpired()}: short transactions, even when a
   * lowered retention makes a year of entries due at once.
   */
  public static final int RETENTION_BATCH = 5_000;

  private static final Logger LOG = Logger.getLogger("org.supportinbox.gateway.audit");

  @Inject AuditRepository entries;

  @Inject GatewayConfig config;

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
   * A page of entries matching {@code filter}, newest first, after {@code after} (null: from the
   * newest). One row more than {@code limit} is read to know whether another page follows.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public AuditPage page(AuditFilter filter, int limit, AuditCursor after) {
    List<AuditEntry> rows =
        entries.page(
            filter,
            after == null ? null : after.at(),
            after == null ? null : after.id(),
            limit + 1);
    boolean more = rows.size() > limit;
    List<AuditEntry> shown = more ? rows.subList(0, limit) : rows;
    String next = null;
    if (more) {
      AuditEntry last = shown.get(shown.size() - 1);
      next = new AuditCursor(last.at(), last.id()).encode();
    }
    return new AuditPage(shown.stream().map(Views::audit).toList(), next);
  }

  /**
   * Deletes one batch of the entries older than the retention; how many. The periodic job calls it
   * again while a batch comes back full. Safe on several gateway instances at once: each deletes
   * what is still there.
   */
  @Transactional
  public int forgetExpired() {
    return entries.forgetBefore(cutoff(Instant.now(), config.auditRetention()), RETENTION_BATCH);
  }

  /** Entries older than this (strictly) are past the retention at {@code now}. */
  static Instant cutoff(Instant now, Duration retention) {
    return now.minus(retention);
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
