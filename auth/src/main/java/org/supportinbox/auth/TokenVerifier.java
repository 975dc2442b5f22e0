package org.supportinbox.auth;

import io.smallrye.jwt.auth.principal.ParseException;
import java.util.List;

/** Turns a bearer token into the {@link Caller} it names, or says why it is not acceptable. */
@FunctionalInterface
public interface TokenVerifier {

  Caller verify(String token) throws ParseException;

  /**
   * A verifier that accepts what any of {@code verifiers} accepts, asked in order (each key stands
   * for its own callers: a token is signed with one of them). When none accepts, the first one's
   * reason is given.
   */
  static TokenVerifier anyOf(List<? extends TokenVerifier> verifiers) {
    List<TokenVerifier> all = List.copyOf(verifiers);
    return token -> {
      ParseException first = null;
      for (TokenVerifier v : all) {
        try {
          return v.verify(token);
        } catch (ParseException e) {
          if (first == null) {
            first = e;
          }
        }
      }
      throw first == null ? new ParseException("no verifier configured") : first;
    };
  }
}
