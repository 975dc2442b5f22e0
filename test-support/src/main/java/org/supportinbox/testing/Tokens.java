package org.supportinbox.testing;

import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Signs test tokens the way the gateway will: HS256 with the shared secret. */
public final class Tokens {

  public static final String ISSUER = "support-inbox";

  private Tokens() {}

  public static String sign(String secret, String subject, Set<String> groups) {
    return sign(secret, ISSUER, subject, groups, Instant.now(), Duration.ofMinutes(10));
  }

  public static String sign(
      String secret,
      String issuer,
      String subject,
      Set<String> groups,
      Instant issuedAt,
      Duration ttl) {
    return Jwt.issuer(issuer)
        .subject(subject)
        .claim("name", subject)
        .groups(groups)
        .issuedAt(issuedAt)
        .expiresAt(issuedAt.plus(ttl))
        .signWithSecret(secret);
  }
}
