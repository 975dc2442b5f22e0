/**
 * The transactional outbox: events recorded as rows in the use case's transaction ({@link
 * org.supportinbox.messaging.infrastructure.outbox.OutboxEvents}, the {@code ApplicationEvents}
 * port), and the relay that publishes them after commit and marks them published.
 */
package org.supportinbox.messaging.infrastructure.outbox;
