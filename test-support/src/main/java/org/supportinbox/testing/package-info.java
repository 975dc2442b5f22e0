/**
 * For tests and test tools only: real PostgreSQL databases and RabbitMQ vhosts that tests create
 * and drop, the system's processes started from the built artifacts ({@code InboxStack}), a
 * loopback TCP proxy to cut connections, signed tokens, and the clients every tool shares: the
 * gateway's socket ({@code GatewaySocket}) and its customer API ({@code CustomerClient}).
 */
package org.supportinbox.testing;
