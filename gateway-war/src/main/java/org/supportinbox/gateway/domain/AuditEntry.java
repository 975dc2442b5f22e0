package org.supportinbox.gateway.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A security-relevant event (an operator created or changed, a failed or locked login), kept in
 * {@code audit_log} until the retention ({@code AUDIT_RETENTION_DAYS}) ends it.
 */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private Instant at;

  @Column(nullable = false)
  private String action;

  private String actor;

  private String subject;

  private String client;

  private String detail;

  protected AuditEntry() {}

  public AuditEntry(
      Instant at, String action, String actor, String subject, String client, String detail) {
    this.at = at;
    this.action = action;
    this.actor = actor;
    this.subject = subject;
    this.client = client;
    this.detail = detail;
  }

  public Long id() {
    return id;
  }

  public Instant at() {
    return at;
  }

  public String actor() {
    return actor;
  }

  public String action() {
    return action;
  }

  public String subject() {
    return subject;
  }

  public String client() {
    return client;
  }

  public String detail() {
    return detail;
  }
}
