/**
 * For tests only: real PostgreSQL databases and RabbitMQ vhosts that tests create and drop, Payara
 * Micro processes running the built WARs, a loopback TCP proxy to cut connections, signed tokens.
 */
package org.supportinbox.testing;
