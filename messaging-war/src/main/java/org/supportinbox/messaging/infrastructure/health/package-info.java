/** MicroProfile Health readiness: the database, the broker and the outbox backlog. */
package org.supportinbox.messaging.infrastructure.health;
