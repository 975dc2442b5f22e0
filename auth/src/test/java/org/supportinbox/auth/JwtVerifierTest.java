package org.supportinbox.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.jwt.auth.principal.ParseException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.supportinbox.testing.ForgedTokens;
import org.supportinbox.testing.Tokens;

class JwtVerifierTest {

  // 64 bytes, so that the HS512 attack is refused for its algorithm, not its key size.
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

  static Stream<Arguments> attacks() {
    return ForgedTokens.all(SECRET).entrySet().stream()
        .map((Map.Entry<String, String> e) -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void everyAttackIsRefused(String attack, String token) {
    assertThrows(ParseException.class, () -> VERIFIER.verify(token), attack);
  }

  @Test
  void aHugeTokenIsRefusedEvenWhenCorrectlySigned() throws ParseException {
    String almost = ForgedTokens.huge(SECRET, 4 * 1024);
    assertEquals("admin", VERIFIER.verify(almost).subject());
    String huge = ForgedTokens.huge(SECRET, JwtVerifier.MAX_TOKEN_CHARS);
    ParseException refused = assertThrows(ParseException.class, () -> VERIFIER.verify(huge));
    assertEquals(
        "the token is longer than " + JwtVerifier.MAX_TOKEN_CHARS + " characters",
        refused.getMessage());
  }

  @Test
  void anEmptyTokenIsRefused() {
    assertThrows(ParseException.class, () -> VERIFIER.verify(""));
  }

  @Test
  void aTokenIssuedInTheFutureIsRefused() {
    ParseException refused =
        assertThrows(
            ParseException.class, () -> VERIFIER.verify(ForgedTokens.issuedInTheFuture(SECRET)));
    assertEquals("the token is issued in the future (iat)", refused.getMessage());
  }

  @Test
  void aTokenIssuedWithinTheClockSkewIsAccepted() throws ParseException {
    String token =
        Tokens.sign(
            SECRET,
            Tokens.ISSUER,
            "alice",
            Set.of("operator"),
            Instant.now().plusSeconds(JwtVerifier.CLOCK_SKEW_SECONDS / 2),
            Duration.ofMinutes(5));
    assertEquals("alice", VERIFIER.verify(token).subject());
  }

  @Test
  void theGenerationClaimIsRead() throws ParseException {
    String token =
        new TokenIssuer(SECRET.getBytes(StandardCharsets.UTF_8), Tokens.ISSUER)
            .issue(
                "alice",
                "Alice",
                Set.of("operator"),
                Duration.ofMinutes(5),
                Map.of(Caller.GENERATION_CLAIM, 7L))
            .token();
    assertEquals(7, VERIFIER.verify(token).generation());
    assertEquals(0, VERIFIER.verify(Tokens.sign(SECRET, "bob", Set.of("operator"))).generation());
  }

  @Test
  void aKeyWithGrantedRolesIgnoresTheGroupsTheTokenClaims() throws ParseException {
    String functionSecret = "a function key of 32 bytes at least!";
    String claimsAdmin =
        AiFunctionTokens.issuer(functionSecret)
            .issue(
                "ai-function-1",
                "ai-function-1",
                Set.of("admin", "service"),
                Duration.ofMinutes(5),
                Map.of())
            .token();
    Caller caller = AiFunctionTokens.verifier(functionSecret).verify(claimsAdmin);
    assertEquals(Set.of(Roles.AI_FUNCTION), caller.roles());
    // The shared key's verifier does not take it (another key and issuer) ...
    assertThrows(ParseException.class, () -> VERIFIER.verify(claimsAdmin));
    // ... and anyOf tries both, in order.
    TokenVerifier both =
        TokenVerifier.anyOf(List.of(VERIFIER, AiFunctionTokens.verifier(functionSecret)));
    assertEquals(Set.of(Roles.AI_FUNCTION), both.verify(claimsAdmin).roles());
    assertEquals(
        Set.of("operator"), both.verify(Tokens.sign(SECRET, "bob", Set.of("operator"))).roles());
  }
}
