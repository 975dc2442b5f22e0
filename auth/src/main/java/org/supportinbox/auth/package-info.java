/**
 * Bearer tokens as every service verifies them: HS256 JWTs signed with the shared {@code
 * JWT_SECRET}, verified strictly with smallrye-jwt.
 */
package org.supportinbox.auth;
