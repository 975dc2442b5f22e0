/** The gateway's JAX-RS API: login, logout, operator accounts, and the providers of module web. */
package org.supportinbox.gateway.api.rest;
