/** Password hashing (PBKDF2-HMAC-SHA256 from the JDK). */
package org.supportinbox.gateway.infrastructure.security;
