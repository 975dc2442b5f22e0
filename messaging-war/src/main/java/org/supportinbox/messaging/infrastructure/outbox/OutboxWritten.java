package org.supportinbox.messaging.infrastructure.outbox;

/**
 * CDI event fired when a transaction wrote outbox rows; observed after commit to wake the relay.
 */
public record OutboxWritten(String eventId) {}
