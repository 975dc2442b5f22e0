/**
 * What every service's REST layer shares: strict JSON request reading, text rules, the JSON error
 * answers and their exception mappers, the body size limit and the snake_case JSON-B setup; and
 * what every WAR's servlet layer shares (META-INF/web-fragment.xml): the security headers and the
 * JSON error page.
 */
package org.supportinbox.web;
