package org.supportinbox.messaging.infrastructure.rabbitmq;

/** An event as {@link RabbitMqEventPublisher} publishes it: its JSON, and what names it. */
public interface PublishableEvent {

  /** The event's {@code event_id}: the AMQP message id. */
  String eventId();

  /** The event's type: the routing key. */
  String eventType();

  /** The conversation it is about: a header; null for an event about none. */
  String conversationId();

  /** The event's JSON, published as it is (and signed). */
  String payload();
}
