package org.supportinbox.messaging.infrastructure.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.logging.Logger;
import org.hibernate.Session;
import org.supportinbox.contracts.events.AiRequested;
import org.supportinbox.contracts.events.ArticleChanged;
import org.supportinbox.contracts.events.ConversationRead;
import org.supportinbox.contracts.events.ConversationUpdated;
import org.supportinbox.contracts.events.EmailDeliveryChanged;
import org.supportinbox.contracts.events.MessageCreated;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.messaging.application.ApplicationEvents;
import org.supportinbox.messaging.domain.Article;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.Conversation;
import org.supportinbox.messaging.domain.EmailDelivery;
import org.supportinbox.platform.WireJson;

/**
 * Records events as outbox rows in the caller's transaction, each with one plain insert at once:
 * the row's id is drawn while the caller holds its locks (the relay's order), and nothing of the
 * row is needed back, so JPA's persist (an entity, its identity read back) would only cost.
 */
@ApplicationScoped
public class OutboxEvents implements ApplicationEvents {

  private static final Logger LOG = Logger.getLogger(OutboxEvents.class.getName());

  @PersistenceContext(unitName = "inbox")
  EntityManager em;

  @Inject Event<OutboxWritten> written;

  private static final String INSERT =
      "insert into outbox (event_id, event_type, conversation_id, payload, created_at)"
          + " values (?, ?, ?, ?::jsonb, ?)";

  private void write(UUID eventId, String type, UUID conversationId, String payload) {
    OffsetDateTime now = OffsetDateTime.ofInstant(Clock.now(), ZoneOffset.UTC);
    em.unwrap(Session.class)
        .doWork(
            connection -> {
              try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
                ps.setObject(1, eventId);
                ps.setString(2, type);
                ps.setObject(3, conversationId, Types.OTHER);
                ps.setString(4, payload);
                ps.setObject(5, now);
                ps.executeUpdate();
              }
            });
  }

  @Override
  public void messageWasCreated(MessageView m, MessageCreated.AiContext aiContext) {
    MessageCreated event = m.created(aiContext);
    write(event.eventId(), MessageCreated.TYPE, m.conversationId(), WireJson.JSONB.toJson(event));
    LOG.info(
        () ->
            "message stored message_id="
                + m.id()
                + " conversation_id="
                + m.conversationId()
                + " sender="
                + m.sender()
                + " event_id="
                + event.eventId());
    // Observers with during=AFTER_SUCCESS run only if this transaction commits.
    written.fire(new OutboxWritten(event.eventId().toString()));
  }

  @Override
  public void aiWasRequested(MessageView m, String requestedBy) {
    AiRequested event = m.reanalysisRequested(requestedBy);
    write(event.eventId(), AiRequested.TYPE, m.conversationId(), WireJson.JSONB.toJson(event));
    LOG.info(
        () ->
            "reanalysis requested message_id="
                + m.id()
                + " conversation_id="
                + m.conversationId()
                + " by="
                + requestedBy
                + " event_id="
                + event.eventId());
    written.fire(new OutboxWritten(event.eventId().toString()));
  }

  @Override
  public void conversationWasUpdated(Conversation c) {
    ConversationUpdated event =
        ConversationUpdated.of(
            c.id(), c.status().wire(), c.assignee(), c.snoozedUntil(), c.updatedAt());
    write(event.eventId(), ConversationUpdated.TYPE, c.id(), WireJson.JSONB.toJson(event));
    LOG.info(
        () ->
            "conversation updated conversation_id="
                + c.id()
                + " status="
                + c.status().wire()
                + " event_id="
                + event.eventId());
    written.fire(new OutboxWritten(event.eventId().toString()));
  }

  @Override
  public void conversationWasRead(UUID conversationId, String reader, Instant readUpTo) {
    ConversationRead event = ConversationRead.of(conversationId, reader, readUpTo);
    write(event.eventId(), ConversationRead.TYPE, conversationId, WireJson.JSONB.toJson(event));
    LOG.fine(
        () ->
            "conversation read conversation_id="
                + conversationId
                + " reader="
                + reader
                + " event_id="
                + event.eventId());
    written.fire(new OutboxWritten(event.eventId().toString()));
  }

  @Override
  public void articleWasCreated(Article a) {
    article(
        ArticleChanged.of(
            a.id(), ArticleChanged.CREATED, a.version(), a.language(), a.updatedAt()));
  }

  @Override
  public void articleWasUpdated(Article a) {
    article(
        ArticleChanged.of(
            a.id(), ArticleChanged.UPDATED, a.version(), a.language(), a.updatedAt()));
  }

  @Override
  public void articleWasDeleted(Article a, Instant at) {
    article(ArticleChanged.of(a.id(), ArticleChanged.DELETED, a.version(), a.language(), at));
  }

  @Override
  public void emailDeliveryChanged(EmailDelivery d) {
    emailDelivery(d, false);
  }

  @Override
  public void emailDeliveryRequeued(EmailDelivery d) {
    emailDelivery(d, true);
  }

  private void emailDelivery(EmailDelivery d, boolean requeued) {
    EmailDeliveryChanged event =
        EmailDeliveryChanged.of(
            d.conversationId(),
            d.messageId(),
            d.status().wire(),
            d.attempts(),
            d.lastError(),
            d.updatedAt(),
            d.kind().wire(),
            d.dueAt(),
            requeued);
    write(
        event.eventId(),
        EmailDeliveryChanged.TYPE,
        d.conversationId(),
        WireJson.JSONB.toJson(event));
    LOG.info(
        () ->
            "email delivery "
                + event.status()
                + (requeued ? " (requeued)" : "")
                + " message_id="
                + d.messageId()
                + " conversation_id="
                + d.conversationId()
                + " attempts="
                + d.attempts()
                + " event_id="
                + event.eventId());
    written.fire(new OutboxWritten(event.eventId().toString()));
  }

  /** About an article, not a conversation: the row has no conversation id. */
  private void article(ArticleChanged event) {
    write(event.eventId(), ArticleChanged.TYPE, null, WireJson.JSONB.toJson(event));
    LOG.info(
        () ->
            "article "
                + event.change()
                + " article_id="
                + event.articleId()
                + " version="
                + event.version()
                + " event_id="
                + event.eventId());
    written.fire(new OutboxWritten(event.eventId().toString()));
  }
}
