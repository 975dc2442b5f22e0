/** WebSocket {@code /ws}: handshake authentication, typed frames, fan-out with bounded queues. */
package org.supportinbox.gateway.api.websocket;
