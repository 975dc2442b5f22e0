package org.supportinbox.auth;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The AI functions' own credential. A replica signs its tokens with {@code AI_FUNCTION_SECRET}, a
 * key of its own (it never holds {@code JWT_SECRET}), under the issuer {@value #ISSUER}; messaging
 * grants such a token the role {@link Roles#AI_FUNCTION} and nothing else, whatever its {@code
 * groups} claim says. So a leaked function key reads message context and writes insights, but can
 * neither post messages, read conversation lists nor open the operator feed.
 */
public final class AiFunctionTokens {

  /** The issuer of AI function tokens. */
  public static final String ISSUER = "support-inbox/ai-function";

  private AiFunctionTokens() {}

  /** Signs AI function tokens with {@code secret}. */
  public static TokenIssuer issuer(String secret) {
    return new TokenIssuer(secret.getBytes(StandardCharsets.UTF_8), ISSUER);
  }

  /**
   * Accepts AI function tokens signed with {@code secret}, as the role {@link Roles#AI_FUNCTION}.
   */
  public static JwtVerifier verifier(String secret) {
    return new JwtVerifier(
        secret.getBytes(StandardCharsets.UTF_8), ISSUER, Set.of(Roles.AI_FUNCTION));
  }
}
