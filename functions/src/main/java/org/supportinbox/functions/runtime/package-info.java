/**
 * The function runtime every AI function shares: broker connection and topology, competing
 * consumers with manual acks, retry and dead-letter queues, health and metrics, graceful stop.
 */
package org.supportinbox.functions.runtime;
