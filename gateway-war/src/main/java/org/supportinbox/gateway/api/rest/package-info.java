/**
 * The gateway's JAX-RS API: login, logout, operator accounts, the customer channel and the façade
 * to messaging, each a thin call of the application's use cases; the providers of module platform.
 */
package org.supportinbox.gateway.api.rest;
