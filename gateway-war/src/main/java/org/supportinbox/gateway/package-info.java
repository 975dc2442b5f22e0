/** The gateway: start-up ({@link org.supportinbox.gateway.GatewayStart}) wires the layers below. */
package org.supportinbox.gateway;
