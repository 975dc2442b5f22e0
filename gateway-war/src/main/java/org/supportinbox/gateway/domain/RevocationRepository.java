package org.supportinbox.gateway.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What ends tokens before they expire (the port; stored by {@code JpaRevocationRepository}):
 * logged-out token ids and customer chats ended. Operators' disabled flags and token generations
 * are the accounts' own ({@link OperatorRepository}). Every instance reads them back through {@link
 * RevocationFeed}.
 */
public interface RevocationRepository {

  /** Denies {@code jti} until {@code expiresAt}; forgets denials that expired. */
  void revoke(String jti, Instant expiresAt);

  void endCustomerSession(UUID conversation, Instant at);

  boolean customerSessionEnded(UUID conversation);
}
