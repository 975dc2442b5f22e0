package org.supportinbox.testing;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JWT attack list: tokens a strict HS256 verifier must refuse, each made from the real secret
 * (or as close to a valid token as the attack allows), for an admin subject.
 */
public final class ForgedTokens {

  private ForgedTokens() {}

  /**
   * Every attack by name, for the real {@code secret}. Each is small enough to pass any HTTP
   * server's header limit, so that the verifier itself must refuse it; see {@link #huge} for the
   * one that is not.
   */
  public static Map<String, String> all(String secret) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("alg none", algNone());
    // JOSE libraries have matched the algorithm name case-insensitively (CVE-2015-9235 and kin).
    for (String none : new String[] {"None", "NONE", "nOnE"}) {
      all.put("alg " + none, algNone(none, ""));
    }
    all.put("alg none with the real signature kept", algNoneWithSignature(secret));
    all.put("stripped signature", strippedSignature(secret, true));
    all.put("stripped signature and its dot", strippedSignature(secret, false));
    all.put("RS256 signed with an RSA key of the attacker's", withKeyPair("RSA", secret));
    all.put("ES256 signed with an EC key of the attacker's", withKeyPair("EC", secret));
    all.put("RS256 header over an HMAC of the real secret", headerSwapped(secret, "RS256"));
    all.put("ES256 header over an HMAC of the real secret", headerSwapped(secret, "ES256"));
    all.put("HS512 with the real secret", otherHmac(secret));
    all.put("tampered payload", tamperedPayload(secret));
    all.put("bad signature", Tokens.sign(secret, "admin", Set.of("admin", "operator")) + "x");
    all.put("another secret", Tokens.sign("another secret that is long enough!", "admin", ADMIN));
    all.put("expired", expired(secret));
    all.put("not yet valid", notYetValid(secret));
    all.put("issued in the future", issuedInTheFuture(secret));
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
    return algNone("none", "");
  }

  /** {@code alg} spelled {@code none} as given, an admin payload, then {@code signature}. */
  public static String algNone(String none, String signature) {
    long now = Instant.now().getEpochSecond();
    String payload =
        "{\"iss\":\""
            + Tokens.ISSUER
            + "\",\"sub\":\"mallory\",\"groups\":[\"admin\",\"operator\"],\"iat\":"
            + now
            + ",\"exp\":"
            + (now + 600)
            + "}";
    return b64("{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}") + "." + b64(payload) + "." + signature;
  }

  /** A valid token whose header was changed to {@code alg: none}, its signature left on. */
  public static String algNoneWithSignature(String secret) {
    String[] parts = Tokens.sign(secret, "admin", ADMIN).split("\\.");
    return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2];
  }

  /** A valid admin token without its signature: {@code header.payload.}, or without the dot. */
  public static String strippedSignature(String secret, boolean keepDot) {
    String token = Tokens.sign(secret, "admin", ADMIN);
    return token.substring(0, token.lastIndexOf('.') + (keepDot ? 1 : 0));
  }

  /**
   * An admin token properly signed with a key pair the attacker made ({@code RSA}: RS256, {@code
   * EC}: ES256 on P-256): a verifier that takes the algorithm, or a key, from the token accepts it.
   * The {@code secret} is unused but keeps the signature of the other forgeries.
   */
  public static String withKeyPair(String keyAlgorithm, String secret) {
    long now = Instant.now().getEpochSecond();
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
      if ("EC".equals(keyAlgorithm)) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return admin(now, now + 600)
            .jws()
            .algorithm(SignatureAlgorithm.ES256)
            .sign(generator.generateKeyPair().getPrivate());
      }
      generator.initialize(2048);
      return admin(now, now + 600)
          .jws()
          .algorithm(SignatureAlgorithm.RS256)
          .sign(generator.generateKeyPair().getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make a " + keyAlgorithm + " key pair", e);
    }
  }

  /**
   * A valid HS256 token with the header's {@code alg} changed to {@code alg} and the signature
   * recomputed with the real secret over the new header: the key-confusion shape, where a verifier
   * that trusts {@code alg} would check an HMAC with whatever key it holds.
   */
  public static String headerSwapped(String secret, String alg) {
    String[] parts = Tokens.sign(secret, "admin", ADMIN).split("\\.");
    String signingInput = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + parts[1];
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }

  /**
   * A correctly signed admin token of about {@code bytes} bytes (a padding claim): not in {@link
   * #all}, because an HTTP server may refuse the header before any verifier sees it.
   */
  public static String huge(String secret, int bytes) {
    long now = Instant.now().getEpochSecond();
    return admin(now, now + 600).claim("padding", "A".repeat(bytes)).signWithSecret(secret);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
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

  /**
   * Issued ten years from now, valid for an hour from then: without a check of {@code iat} against
   * the clock it would pass every lifetime cap and work for ten years.
   */
  public static String issuedInTheFuture(String secret) {
    return Tokens.sign(
        secret,
        Tokens.ISSUER,
        "admin",
        ADMIN,
        Instant.now().plus(Duration.ofDays(3650)),
        Duration.ofHours(1));
  }

  public static String anotherIssuer(String secret) {
    return Tokens.sign(
        secret, "someone-else", "admin", ADMIN, Instant.now(), Duration.ofMinutes(5));
  }
}
