package org.supportinbox.auth;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The mail functions' own credential, separate from the AI functions' one. A mail function signs
 * its tokens with {@code MAIL_FUNCTION_SECRET} under the issuer {@value #ISSUER}; messaging grants
 * such a token the role {@link Roles#MAIL_FUNCTION} and nothing else, whatever its {@code groups}
 * claim says. The two kinds of function do different, sensitive things (one reads model output and
 * writes insights, the other starts conversations from mail and reads the replies to send), so a
 * leaked key of one gives nothing of the other.
 */
public final class MailFunctionTokens {

  /** The issuer of mail function tokens. */
  public static final String ISSUER = "support-inbox/mail-function";

  private MailFunctionTokens() {}

  /** Signs mail function tokens with {@code secret}. */
  public static TokenIssuer issuer(String secret) {
    return new TokenIssuer(secret.getBytes(StandardCharsets.UTF_8), ISSUER);
  }

  /** Accepts mail function tokens signed with {@code secret}, as {@link Roles#MAIL_FUNCTION}. */
  public static JwtVerifier verifier(String secret) {
    return new JwtVerifier(
        secret.getBytes(StandardCharsets.UTF_8), ISSUER, Set.of(Roles.MAIL_FUNCTION));
  }
}
