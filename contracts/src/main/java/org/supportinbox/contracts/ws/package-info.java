/** The frames of the gateway's WebSocket {@code /ws}: typed records, one definition each. */
package org.supportinbox.contracts.ws;
