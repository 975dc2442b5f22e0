/**
 * What every service's REST layer shares: strict JSON request reading, text rules, the JSON error
 * answers and their exception mappers, the body size limit and the snake_case JSON-B setup.
 */
package org.supportinbox.web;
