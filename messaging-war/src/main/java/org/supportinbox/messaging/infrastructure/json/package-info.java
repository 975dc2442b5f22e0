/** The one JSON-B configuration for everything messaging writes: snake_case, nulls included. */
package org.supportinbox.messaging.infrastructure.json;
