/**
 * Messaging's entities, the rules on their values, the ports of their repositories and the domain's
 * exceptions (mapped to HTTP by the REST layer).
 */
package org.supportinbox.messaging.domain;
