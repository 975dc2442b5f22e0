package org.supportinbox.testing;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JWT attack list: tokens a strict HS256 verifier must refuse, each made from the real secret
 * (or as close to a valid token as the attack allows), for an admin subject.
 */
public final class ForgedTokens {

  private ForgedTokens() {}

  /** Every attack by name, for the real {@code secret}. */
  public static Map<String, String> all(String secret) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("alg none", algNone());
    all.put("HS512 with the real secret", otherHmac(secret));
    all.put("tampered payload", tamperedPayload(secret));
    all.put("bad signature", Tokens.sign(secret, "admin", Set.of("admin", "operator")) + "x");
    all.put("another secret", Tokens.sign("another secret that is long enough!", "admin", ADMIN));
    all.put("expired", expired(secret));
    all.put("not yet valid", notYetValid(secret));
    all.put("another issuer", anotherIssuer(secret));
    all.put(
        "lives longer than allowed",
        Tokens.sign(secret, Tokens.ISSUER, "admin", ADMIN, Instant.now(), Duration.ofDays(30)));
    all.put("garbage", "not.a.token");
    return all;
  }

  private static final Set<String> ADMIN = Set.of("admin", "operator");

  /** Unsigned: {@code alg: none} and an empty signature. */
  public static String algNone() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = Instant.now().getEpochSecond();
    String header =
        b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        b64.encodeToString(
            ("{\"iss\":\""
                    + Tokens.ISSUER
                    + "\",\"sub\":\"mallory\",\"groups\":[\"admin\",\"operator\"],\"iat\":"
                    + now
                    + ",\"exp\":"
                    + (now + 600)
                    + "}")
                .getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + ".";
  }

  /** Signed with the real secret, but HS512. */
  public static String otherHmac(String secret) {
    long now = Instant.now().getEpochSecond();
    return admin(now, now + 600)
        .jws()
        .algorithm(SignatureAlgorithm.HS512)
        .sign(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
  }

  private static JwtClaimsBuilder admin(long issuedAt, long expiresAt) {
    return Jwt.issuer(Tokens.ISSUER)
        .subject("admin")
        .groups(ADMIN)
        .issuedAt(issuedAt)
        .expiresAt(expiresAt);
  }

  /**
   * A valid operator token whose payload was changed to claim admin; the signature is the old one.
   */
  public static String tamperedPayload(String secret) {
    String[] parts = Tokens.sign(secret, "alice", Set.of("operator")).split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"operator\"", "\"admin\"");
    return parts[0]
        + "."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "."
        + parts[2];
  }

  public static String expired(String secret) {
    return Tokens.sign(
        secret,
        Tokens.ISSUER,
        "admin",
        ADMIN,
        Instant.now().minus(Duration.ofHours(2)),
        Duration.ofHours(1));
  }

  public static String notYetValid(String secret) {
    long now = Instant.now().getEpochSecond();
    return admin(now, now + 7200).claim("nbf", now + 3600).signWithSecret(secret);
  }

  public static String anotherIssuer(String secret) {
    return Tokens.sign(
        secret, "someone-else", "admin", ADMIN, Instant.now(), Duration.ofMinutes(5));
  }
}
