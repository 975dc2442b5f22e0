package org.supportinbox.gateway.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What ends tokens before they expire (the port; stored by {@code JpaRevocationRepository}):
 * logged-out token ids, operators' disabled flags and token generations, customer chats ended.
 */
public interface RevocationRepository {

  /** The state of the given tokens' subjects, read at once. */
  record State(
      Set<String> revokedJtis,
      Set<String> disabledOperators,
      Map<String, Long> operatorGenerations,
      Set<UUID> endedConversations) {}

  State stateOf(
      Collection<String> jtis, Collection<String> operators, Collection<UUID> conversations);

  /** Denies {@code jti} until {@code expiresAt}; forgets denials that expired. */
  void revoke(String jti, Instant expiresAt);

  void endCustomerSession(UUID conversation, Instant at);

  boolean customerSessionEnded(UUID conversation);
}
