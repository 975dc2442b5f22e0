/**
 * What the browser gets besides the API: the files of static-ui/ (the security headers of every
 * response are module platform's {@code SecurityHeadersFilter}).
 */
package org.supportinbox.gateway.api.ui;
