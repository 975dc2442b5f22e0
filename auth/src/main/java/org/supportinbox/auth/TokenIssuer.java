package org.supportinbox.auth;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs tokens that {@link JwtVerifier} accepts: HS256 with the shared secret, claims {@code iss},
 * {@code sub}, {@code name}, {@code groups}, {@code iat}, {@code exp} and a fresh {@code jti}.
 */
public final class TokenIssuer {

  /** A signed token and what a client needs to know about it. */
  public record Issued(String token, String jti, Instant expiresAt) {}

  private final SecretKeySpec key;
  private final String issuer;

  public TokenIssuer(byte[] secret, String issuer) {
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.issuer = issuer;
  }

  public Issued issue(
      String subject, String name, Set<String> groups, Duration ttl, Map<String, Object> claims) {
    if (ttl.getSeconds() > JwtVerifier.MAX_TTL_SECONDS) {
      throw new IllegalArgumentException(
          "tokens live at most " + JwtVerifier.MAX_TTL_SECONDS + " s");
    }
    Instant now = Instant.now();
    Instant expires = now.plus(ttl);
    String jti = UUID.randomUUID().toString();
    JwtClaimsBuilder builder =
        Jwt.issuer(issuer)
            .subject(subject)
            .claim("name", name)
            .groups(groups)
            .issuedAt(now.getEpochSecond())
            .expiresAt(expires.getEpochSecond())
            .claim("jti", jti);
    claims.forEach(builder::claim);
    return new Issued(
        builder.jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256).sign(key),
        jti,
        expires);
  }
}
