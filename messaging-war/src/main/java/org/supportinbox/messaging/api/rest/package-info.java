/** The JAX-RS API: resources, request parsing, authentication and the JSON error mapping. */
package org.supportinbox.messaging.api.rest;
