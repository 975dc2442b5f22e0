package org.supportinbox.auth;

import java.util.Set;

/**
 * Who is calling, from a verified token.
 *
 * @param subject the {@code sub} claim: an operator's username, or a service's name
 * @param name the {@code name} claim, or the subject when the token has none
 * @param roles the {@code groups} claim, e.g. {@code operator}, {@code admin}, {@code service}
 * @param jti the token's id ({@code jti}), or null when it has none
 * @param expiresAt the token's {@code exp}, epoch seconds
 * @param conversationId the {@code conversation_id} claim of a customer token, else null
 * @param generation the {@code gen} claim of an operator token: the account's token generation when
 *     it was issued, 0 when the token has none. A change to the account's role, password or
 *     disabled flag moves the generation on, and every token of an older one stops working.
 */
public record Caller(
    String subject,
    String name,
    Set<String> roles,
    String jti,
    long expiresAt,
    String conversationId,
    long generation) {

  /** The claim naming the one conversation a customer token reaches. */
  public static final String CONVERSATION_CLAIM = "conversation_id";

  /** The claim carrying an operator token's generation. */
  public static final String GENERATION_CLAIM = "gen";

  /** Whether this is an operator or admin, by an allow-list of roles (never "not a customer"). */
  public boolean isOperator() {
    return hasRole(Roles.OPERATOR) || hasRole(Roles.ADMIN);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
