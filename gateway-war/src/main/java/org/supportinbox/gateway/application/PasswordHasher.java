package org.supportinbox.gateway.application;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.supportinbox.gateway.config.GatewayConfig;

/**
 * PBKDF2-HMAC-SHA256 password hashes, stored as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
 * (base64) with a 16-byte random salt per password. At least 600,000 iterations (OWASP's 2023
 * figure for this algorithm), so one check costs a noticeable fraction of a second by design.
 */
public final class PasswordHasher {

  public static final int MIN_ITERATIONS = GatewayConfig.MIN_PASSWORD_ITERATIONS;
  private static final String PREFIX = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private final int iterations;
  private final SecureRandom random = new SecureRandom();

  /** A hash of a password nobody has, checked for unknown users so they cost the same time. */
  private final String decoy;

  public PasswordHasher(int iterations) {
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException("at least " + MIN_ITERATIONS + " iterations");
    }
    this.iterations = iterations;
    this.decoy = hash("decoy password that matches nothing".toCharArray());
  }

  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    return PREFIX
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(derive(password, salt, iterations));
  }

  /** Whether {@code password} matches {@code stored}; compares in constant time. */
  public boolean matches(char[] password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      throw new IllegalStateException("not a password hash of this service");
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] expected = b64.decode(parts[3]);
    byte[] actual = derive(password, b64.decode(parts[2]), Integer.parseInt(parts[1]));
    return MessageDigest.isEqual(expected, actual);
  }

  /** Spends the time of one check on a password nobody has; always false. */
  public boolean matchesNothing(char[] password) {
    matches(password, decoy);
    return false;
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
    }
  }
}
