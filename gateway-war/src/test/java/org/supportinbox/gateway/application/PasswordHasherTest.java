package org.supportinbox.gateway.application;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private static final PasswordHasher HASHER = new PasswordHasher(PasswordHasher.MIN_ITERATIONS);

  @Test
  void aPasswordMatchesItsOwnHashOnly() {
    String hash = HASHER.hash("correct horse battery staple".toCharArray());
    assertTrue(hash.startsWith("pbkdf2-sha256$600000$"));
    assertTrue(HASHER.matches("correct horse battery staple".toCharArray(), hash));
    assertFalse(HASHER.matches("correct horse battery stapl".toCharArray(), hash));
  }

  @Test
  void eachHashHasItsOwnSalt() {
    assertNotEquals(HASHER.hash("same".toCharArray()), HASHER.hash("same".toCharArray()));
  }

  @Test
  void fewerIterationsThanOwaspAdvisesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(100_000));
  }

  @Test
  void theDecoyNeverMatches() {
    assertFalse(HASHER.matchesNothing("decoy password that matches nothing".toCharArray()));
  }
}
