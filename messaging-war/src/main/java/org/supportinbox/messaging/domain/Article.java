package org.supportinbox.messaging.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A knowledge-base article: a title, a body (Markdown kept as plain text), tags, an optional
 * language (ISO 639-1), who wrote it and who changed it last, and a version that grows by one at
 * each change. The REST layer checks the values; the table's checks back them.
 */
@Entity
@Table(name = "kb_articles")
public class Article {

  @Id private UUID id;

  @Column(nullable = false)
  private String title;

  @Column(nullable = false)
  private String body;

  /** PostgreSQL {@code text[]}; Hibernate maps a Java array to an SQL array. */
  @Column(nullable = false, columnDefinition = "text[]")
  private String[] tags;

  private String language;

  @Column(name = "created_by", nullable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_by", nullable = false)
  private String updatedBy;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(nullable = false)
  private long version;

  protected Article() {}

  public Article(
      UUID id,
      String title,
      String body,
      List<String> tags,
      String language,
      String author,
      Instant at) {
    this.id = id;
    this.title = title;
    this.body = body;
    this.tags = tags.toArray(String[]::new);
    this.language = language;
    this.createdBy = author;
    this.createdAt = at;
    this.updatedBy = author;
    this.updatedAt = at;
    this.version = 1;
  }

  /**
   * Replaces the values; when one of them differs, {@code editor} becomes the last to have changed
   * it and the version grows by one.
   *
   * @return whether anything changed
   */
  public boolean replace(
      String newTitle,
      String newBody,
      List<String> newTags,
      String newLanguage,
      String editor,
      Instant at) {
    if (title.equals(newTitle)
        && body.equals(newBody)
        && tags().equals(newTags)
        && Objects.equals(language, newLanguage)) {
      return false;
    }
    title = newTitle;
    body = newBody;
    tags = newTags.toArray(String[]::new);
    language = newLanguage;
    updatedBy = editor;
    updatedAt = at;
    version++;
    return true;
  }

  public UUID id() {
    return id;
  }

  public String title() {
    return title;
  }

  public String body() {
    return body;
  }

  public List<String> tags() {
    return List.copyOf(Arrays.asList(tags));
  }

  public String language() {
    return language;
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

  public long version() {
    return version;
  }
}
