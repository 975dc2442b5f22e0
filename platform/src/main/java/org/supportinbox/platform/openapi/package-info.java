/**
 * The OpenAPI document of each service: its schemas made from contracts' records (wire names,
 * {@code @Required}), the bearer scheme, title and version, and the shared error answers.
 */
package org.supportinbox.platform.openapi;
