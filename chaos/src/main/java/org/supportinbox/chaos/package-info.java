/**
 * {@code ./inbox chaos}: fault injection under a steady customer load, with an end-to-end ledger
 * checked the way Jepsen's RabbitMQ checker checks a queue (what was acknowledged must be there,
 * once). A test tool built on test-support's fixtures; it never ships.
 */
package org.supportinbox.chaos;
