/**
 * The ingest benchmark of {@code ./inbox bench ingest}: load on {@code POST /messages}, outbox lag
 * and process figures, reported as Markdown (docs/performance.md).
 */
package org.supportinbox.bench;
