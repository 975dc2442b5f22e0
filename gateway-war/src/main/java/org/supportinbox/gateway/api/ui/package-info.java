/**
 * What the browser gets besides the API: the files of static-ui/ and every response's security
 * headers.
 */
package org.supportinbox.gateway.api.ui;
