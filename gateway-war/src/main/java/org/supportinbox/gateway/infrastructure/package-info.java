/** Adapters: configuration, PostgreSQL (Flyway, JPA), password hashing, health. */
package org.supportinbox.gateway.infrastructure;
