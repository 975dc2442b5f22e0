/** Messaging's entities and the rules on their values. */
package org.supportinbox.messaging.domain;
