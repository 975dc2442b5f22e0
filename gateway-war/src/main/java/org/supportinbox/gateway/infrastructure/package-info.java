/** Adapters of the gateway's ports: PostgreSQL (JPA), messaging over HTTP, RabbitMQ, health. */
package org.supportinbox.gateway.infrastructure;
