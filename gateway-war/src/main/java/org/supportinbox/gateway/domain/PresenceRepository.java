package org.supportinbox.gateway.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Which operators are online, and whose turn it is for a new conversation (the port; {@code
 * infrastructure.jpa.JpaPresenceRepository} keeps them in the gateway's database, shared by every
 * instance).
 */
public interface PresenceRepository {

  /** These operators (user names) have a socket open on this instance at {@code at}. */
  void seen(Collection<String> usernames, Instant at);

  /**
   * Takes the next operator's turn: of the active operators seen at or after {@code onlineSince},
   * the one given a conversation longest ago (never first; then by name), stamped with {@code now}
   * in the same statement, so that two instances never give one turn twice. Empty when no one is
   * online.
   */
  Optional<String> takeTurn(Instant onlineSince, Instant now);
}
