/**
 * The gateway's typed configuration, read from environment variables through MicroProfile Config.
 */
package org.supportinbox.gateway.config;
