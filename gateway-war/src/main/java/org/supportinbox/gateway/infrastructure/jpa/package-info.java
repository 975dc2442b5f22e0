/** PostgreSQL: schema migration and validation at start-up. */
package org.supportinbox.gateway.infrastructure.jpa;
