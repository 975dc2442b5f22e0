/** PostgreSQL through JPA (Hibernate): the repositories of conversations, messages and insights. */
package org.supportinbox.messaging.infrastructure.jpa;
