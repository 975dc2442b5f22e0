/** PostgreSQL through plain JDBC, where a read is too frequent or too simple for JPA. */
package org.supportinbox.gateway.infrastructure.jdbc;
