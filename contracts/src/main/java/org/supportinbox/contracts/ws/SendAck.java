package org.supportinbox.contracts.ws;

/**
 * The {@code data} of an {@code ack} frame, the answer to a {@code send}: the stored message (for a
 * customer its {@code CustomerMessageView}), and the client's idempotency key when it sent one.
 */
public record SendAck<T>(T message, String clientMessageId) {}
