package org.supportinbox.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.Tokens;

class JwtVerifierTest {

  // 64 bytes, so that the HS512 case below is refused for its algorithm, not its key size.
  private static final String SECRET = "0123456789abcdef".repeat(4);
  private static final JwtVerifier VERIFIER =
      new JwtVerifier(SECRET.getBytes(StandardCharsets.UTF_8), Tokens.ISSUER);

  @Test
  void aValidTokenNamesTheCallerAndRoles() throws ParseException {
    Caller caller = VERIFIER.verify(Tokens.sign(SECRET, "alice", Set.of("operator", "admin")));
    assertEquals("alice", caller.subject());
    assertEquals("alice", caller.name());
    assertEquals(Set.of("operator", "admin"), caller.roles());
  }

  @Test
  void anotherSecretIsRefused() {
    String token = Tokens.sign("x".repeat(64), "alice", Set.of("operator"));
    assertThrows(ParseException.class, () -> VERIFIER.verify(token));
  }

  @Test
  void algNoneIsRefused() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = Instant.now().getEpochSecond();
    String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
    String payload =
        b64.encodeToString(
            ("{\"iss\":\"support-inbox\",\"sub\":\"mallory\",\"groups\":[\"admin\"],\"iat\":"
                    + now
                    + ",\"exp\":"
                    + (now + 600)
                    + "}")
                .getBytes());
    assertThrows(ParseException.class, () -> VERIFIER.verify(header + "." + payload + "."));
  }

  @Test
  void otherHmacAlgorithmsAreRefused() {
    long now = Instant.now().getEpochSecond();
    String token =
        Jwt.issuer(Tokens.ISSUER)
            .subject("alice")
            .groups("operator")
            .issuedAt(now)
            .expiresAt(now + 600)
            .jws()
            .algorithm(SignatureAlgorithm.HS512)
            .sign(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(), "HmacSHA512"));
    assertThrows(ParseException.class, () -> VERIFIER.verify(token));
  }

  @Test
  void aTamperedPayloadIsRefused() {
    String token = Tokens.sign(SECRET, "alice", Set.of("operator"));
    String[] parts = token.split("\\.");
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"operator\"", "\"admin\"");
    String forged = parts[0] + "." + b64.encodeToString(payload.getBytes()) + "." + parts[2];
    assertThrows(ParseException.class, () -> VERIFIER.verify(forged));
  }

  @Test
  void expiredTokensAreRefused() {
    String token =
        Tokens.sign(
            SECRET,
            Tokens.ISSUER,
            "alice",
            Set.of("operator"),
            Instant.now().minus(Duration.ofHours(2)),
            Duration.ofHours(1));
    assertThrows(ParseException.class, () -> VERIFIER.verify(token));
  }

  @Test
  void notYetValidTokensAreRefused() {
    long now = Instant.now().getEpochSecond();
    String token =
        Jwt.issuer(Tokens.ISSUER)
            .subject("alice")
            .groups("operator")
            .issuedAt(now)
            .claim("nbf", now + 3600)
            .expiresAt(now + 7200)
            .signWithSecret(SECRET);
    assertThrows(ParseException.class, () -> VERIFIER.verify(token));
  }

  @Test
  void anotherIssuerIsRefused() {
    String token =
        Tokens.sign(
            SECRET,
            "someone-else",
            "alice",
            Set.of("operator"),
            Instant.now(),
            Duration.ofMinutes(5));
    assertThrows(ParseException.class, () -> VERIFIER.verify(token));
  }

  @Test
  void tokensLivingLongerThanTheMaximumAreRefused() {
    String token =
        Tokens.sign(
            SECRET, Tokens.ISSUER, "alice", Set.of("operator"), Instant.now(), Duration.ofDays(30));
    assertThrows(ParseException.class, () -> VERIFIER.verify(token));
  }

  @Test
  void garbageIsRefused() {
    assertThrows(ParseException.class, () -> VERIFIER.verify("not.a.token"));
    assertThrows(ParseException.class, () -> VERIFIER.verify(""));
  }
}
