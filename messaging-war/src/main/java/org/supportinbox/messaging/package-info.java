/**
 * Messaging: start-up ({@link org.supportinbox.messaging.MessagingStart}) wires the layers below.
 */
package org.supportinbox.messaging;
