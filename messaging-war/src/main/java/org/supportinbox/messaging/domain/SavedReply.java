package org.supportinbox.messaging.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A saved reply of the team's library: a title, the shortcut operators type after {@code /} in the
 * composer (unique), and the body it inserts, with who wrote it and who changed it last. The REST
 * layer checks the values; the table's checks and unique index back them.
 */
@Entity
@Table(name = "saved_replies")
public class SavedReply {

  @Id private UUID id;

  @Column(nullable = false)
  private String title;

  @Column(nullable = false)
  private String shortcut;

  @Column(nullable = false)
  private String body;

  @Column(name = "created_by", nullable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_by", nullable = false)
  private String updatedBy;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected SavedReply() {}

  public SavedReply(String title, String shortcut, String body, String author, Instant at) {
    this.id = UUID.randomUUID();
    this.title = title;
    this.shortcut = shortcut;
    this.body = body;
    this.createdBy = author;
    this.createdAt = at;
    this.updatedBy = author;
    this.updatedAt = at;
  }

  /** Changes the values given (null: kept); {@code editor} becomes the last to have changed it. */
  public void edit(String newTitle, String newShortcut, String newBody, String editor, Instant at) {
    if (newTitle != null) {
      title = newTitle;
    }
    if (newShortcut != null) {
      shortcut = newShortcut;
    }
    if (newBody != null) {
      body = newBody;
    }
    updatedBy = editor;
    updatedAt = at;
  }

  public UUID id() {
    return id;
  }

  public String title() {
    return title;
  }

  public String shortcut() {
    return shortcut;
  }

  public String body() {
    return body;
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String updatedBy() {
    return updatedBy;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
