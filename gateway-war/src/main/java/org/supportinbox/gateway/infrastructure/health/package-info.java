/** MicroProfile Health readiness of the gateway. */
package org.supportinbox.gateway.infrastructure.health;
