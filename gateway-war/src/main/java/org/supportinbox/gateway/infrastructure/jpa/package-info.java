/** PostgreSQL through JPA (Hibernate): the repositories of the domain's accounts and tokens. */
package org.supportinbox.gateway.infrastructure.jpa;
