package org.supportinbox.messaging.infrastructure.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An event waiting to be published, or published already ({@code published_at} set). The relay
 * reads and updates these rows with plain JDBC; JPA only inserts them.
 */
@Entity
@Table(name = "outbox")
public class OutboxEvent {

  /** Insertion order, which is publication order. */
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "event_id", nullable = false)
  private UUID eventId;

  @Column(name = "event_type", nullable = false)
  private String eventType;

  /** The conversation the event is about; null for one that is about none ({@code article.*}). */
  @Column(name = "conversation_id")
  private UUID conversationId;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  private String payload;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "published_at")
  private Instant publishedAt;

  protected OutboxEvent() {}

  public OutboxEvent(
      UUID eventId, String eventType, UUID conversationId, String payload, Instant createdAt) {
    this.eventId = eventId;
    this.eventType = eventType;
    this.conversationId = conversationId;
    this.payload = payload;
    this.createdAt = createdAt;
  }
}
