/**
 * The benchmarks of {@code ./inbox bench}: ingest (load on messaging's {@code POST /messages},
 * outbox lag) and WebSocket fan-out (customer messages through the gateway, delivery to operator
 * sockets), with process figures, reported as Markdown (docs/performance.md).
 */
package org.supportinbox.bench;
