/** Adapters to PostgreSQL, RabbitMQ and the container: everything the use cases do not name. */
package org.supportinbox.messaging.infrastructure;
