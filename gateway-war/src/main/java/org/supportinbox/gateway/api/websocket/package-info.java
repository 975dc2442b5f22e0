/**
 * WebSocket {@code /ws}: handshake authentication, frames as contracts' records ({@code Frames}),
 * the fan-out to this instance's sockets with bounded queues ({@code SocketHub}, the {@code
 * LiveEvents} port).
 */
package org.supportinbox.gateway.api.websocket;
