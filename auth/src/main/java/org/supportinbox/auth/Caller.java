package org.supportinbox.messaging.infrastructure.security;

import java.util.Set;

/**
 * Who is calling, from a verified token.
 *
 * @param subject the {@code sub} claim: an operator's username, or a service's name
 * @param name the {@code name} claim, or the subject when the token has none
 * @param roles the {@code groups} claim, e.g. {@code operator}, {@code admin}, {@code service}
 */
public record Caller(String subject, String name, Set<String> roles) {

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
