/** Adapters of messaging's ports: PostgreSQL (JPA repositories), the outbox, RabbitMQ, health. */
package org.supportinbox.messaging.infrastructure;
