/** The HTTP client to messaging: service tokens, timeouts, 503 when it cannot answer. */
package org.supportinbox.gateway.infrastructure.messaging;
