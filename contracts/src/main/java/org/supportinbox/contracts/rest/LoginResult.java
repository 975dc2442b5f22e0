package org.supportinbox.contracts.rest;

/**
 * The answer to a successful {@code POST /login}.
 *
 * @param tokenType always {@code bearer}
 * @param expiresIn seconds until the token expires
 * @param role {@code admin} or {@code operator}
 */
public record LoginResult(
    String accessToken, String tokenType, long expiresIn, String name, String role) {}
