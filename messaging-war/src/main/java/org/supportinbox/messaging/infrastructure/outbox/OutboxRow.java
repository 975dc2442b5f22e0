package org.supportinbox.messaging.infrastructure.outbox;

import org.supportinbox.messaging.infrastructure.rabbitmq.PublishableEvent;

/** An unpublished outbox row as the relay reads it. */
record OutboxRow(long id, String eventId, String eventType, String conversationId, String payload)
    implements PublishableEvent {}
