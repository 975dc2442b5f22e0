package org.supportinbox.gateway.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A support operator's account. */
@Entity
@Table(name = "operators")
public class Operator {

  @Id private String username;

  @Column(name = "display_name", nullable = false)
  private String displayName;

  @Column(nullable = false)
  private OperatorRole role;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  @Column(nullable = false)
  private boolean disabled;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "token_generation", nullable = false)
  private long tokenGeneration;

  protected Operator() {}

  public Operator(
      String username, String displayName, OperatorRole role, String passwordHash, Instant at) {
    this.username = username;
    this.displayName = displayName;
    this.role = role;
    this.passwordHash = passwordHash;
    this.createdAt = at;
    this.updatedAt = at;
  }

  public void rename(String newDisplayName, Instant at) {
    displayName = newDisplayName;
    updatedAt = at;
  }

  /** A new role; the tokens issued before stop working when it differs from the old one. */
  public void changeRole(OperatorRole newRole, Instant at) {
    if (newRole != role) {
      role = newRole;
      tokenGeneration++;
    }
    updatedAt = at;
  }

  /**
   * Disables or enables the account; a change ends every token issued before (so that enabling an
   * account again does not bring old, possibly stolen, tokens back to life).
   */
  public void setDisabled(boolean value, Instant at) {
    if (value != disabled) {
      disabled = value;
      tokenGeneration++;
    }
    updatedAt = at;
  }

  /** A new password; every token issued before stops working. */
  public void changePassword(String newHash, Instant at) {
    passwordHash = newHash;
    tokenGeneration++;
    updatedAt = at;
  }

  /** The generation a token must carry to count ({@code gen} claim). */
  public long tokenGeneration() {
    return tokenGeneration;
  }

  public String username() {
    return username;
  }

  public String displayName() {
    return displayName;
  }

  public OperatorRole role() {
    return role;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public boolean disabled() {
    return disabled;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
