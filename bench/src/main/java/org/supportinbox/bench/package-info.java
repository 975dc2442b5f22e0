/**
 * The benchmarks of {@code ./inbox bench}: ingest (load on messaging's {@code POST /messages},
 * outbox lag), WebSocket fan-out (customer messages through the gateway, delivery to operator
 * sockets), AI functions (stored to {@code ai.completed} on an operator socket, throughput of 1, 2,
 * 4 replicas) and the embedded analyzer (in-process latency and memory), with process figures,
 * reported as Markdown (docs/performance.md); and the breakdown of a JFR profile by layer of the
 * stack ({@code ./inbox bench profile}).
 */
package org.supportinbox.bench;
