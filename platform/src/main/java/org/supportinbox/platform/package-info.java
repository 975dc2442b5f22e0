/**
 * What every service shares: its settings and their checks ({@link SharedConfig}), its start-up
 * steps ({@link ServiceStart}), CDI helpers ({@link LazyBean}), strict JSON request reading into
 * contracts' records, text rules, the JSON error answers and their exception mappers, the bearer
 * filter and roles, the body size limit and the snake_case JSON-B setup; and what every WAR's
 * servlet layer shares (META-INF/web-fragment.xml): the security headers and the JSON error page.
 */
package org.supportinbox.platform;
