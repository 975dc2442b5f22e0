/** Integration events published on the topic exchange; routing key = {@code event_type}. */
package org.supportinbox.contracts.events;
