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

  public void changeRole(OperatorRole newRole, Instant at) {
    role = newRole;
    updatedAt = at;
  }

  public void setDisabled(boolean value, Instant at) {
    disabled = value;
    updatedAt = at;
  }

  public void changePassword(String newHash, Instant at) {
    passwordHash = newHash;
    updatedAt = at;
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
