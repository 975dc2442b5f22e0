package org.supportinbox.gateway.domain;

import java.time.Instant;

/**
 * Failed logins per user name and client (the port; stored by {@code JpaLoginFailureRepository}).
 */
public interface LoginFailureRepository {

  /**
   * The failures of {@code username} from {@code client} (or {@link LoginFailure#EVERY_CLIENT}),
   * created with none if there were none, its row locked until the transaction ends: attempts on
   * one name and client wait for each other, so parallel guesses cannot skip the back-off.
   */
  LoginFailure lockedFailuresOf(String username, String client, Instant now);

  void remove(LoginFailure failures);

  /** Deletes the rows whose last failure was before {@code horizon}; how many. */
  int forgetBefore(Instant horizon);
}
