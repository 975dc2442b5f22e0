package org.supportinbox.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC-SHA256 over an event's routing key and body, carried in the AMQP header {@value #HEADER},
 * so that a consumer can tell an event its publisher sent from one somebody else put on the broker.
 * The key is derived from the publisher's own secret ({@code JWT_SECRET} for messaging's events,
 * {@code AI_FUNCTION_SECRET} for the functions' {@code ai.completed}), so a leaked broker password
 * alone cannot forge one.
 *
 * <p>The routing key is part of what is signed: a signed {@code ai.requested} body cannot be
 * replayed as a {@code message.created}. A replay of the same event is possible for whoever can
 * publish; consumers are idempotent by {@code event_id} and message id.
 */
public final class EventSignature {

  /** The AMQP header that carries the signature (base64url, no padding). */
  public static final String HEADER = "inbox-signature";

  private static final String ALGORITHM = "HmacSHA256";

  /** Keeps the event key apart from the token key derived from the same secret. */
  private static final byte[] PURPOSE =
      "support-inbox event signature v1".getBytes(StandardCharsets.UTF_8);

  private final SecretKeySpec key;

  private EventSignature(byte[] derivedKey) {
    this.key = new SecretKeySpec(derivedKey, ALGORITHM);
  }

  /** Signs and verifies with a key derived from {@code secret} (HMAC(secret, purpose)). */
  public static EventSignature fromSecret(String secret) {
    return new EventSignature(
        hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM), PURPOSE));
  }

  /** The signature of an event published with {@code routingKey} and {@code body}. */
  public String sign(String routingKey, byte[] body) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(routingKey, body));
  }

  /** Whether {@code signature} (a header value, may be null) is this key's for the event. */
  public boolean verify(String routingKey, byte[] body, Object signature) {
    if (signature == null) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(signature.toString());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(mac(routingKey, body), given);
  }

  private byte[] mac(String routingKey, byte[] body) {
    Mac mac = newMac(key);
    byte[] rk = routingKey.getBytes(StandardCharsets.UTF_8);
    // Length-prefixed, so that no (routing key, body) pair reads as another.
    mac.update(new byte[] {(byte) (rk.length >>> 8), (byte) rk.length});
    mac.update(rk);
    return mac.doFinal(body);
  }

  private static byte[] hmac(SecretKeySpec key, byte[] data) {
    return newMac(key).doFinal(data);
  }

  private static Mac newMac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java platform has " + ALGORITHM, e);
    }
  }
}
