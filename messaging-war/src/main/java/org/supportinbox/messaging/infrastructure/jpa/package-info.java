/** PostgreSQL through JPA and JDBC: the outbox, schema migration and validation. */
package org.supportinbox.messaging.infrastructure.jpa;
