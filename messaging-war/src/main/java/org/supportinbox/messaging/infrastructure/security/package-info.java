/** Bearer token verification with smallrye-jwt: HS256 only, issuer and expiry enforced. */
package org.supportinbox.messaging.infrastructure.security;
