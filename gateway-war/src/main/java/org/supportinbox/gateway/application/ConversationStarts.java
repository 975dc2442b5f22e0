package org.supportinbox.gateway.application;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Makes {@code POST /customer/conversations} safe to retry. A start that carries a {@code
 * client_message_id} gets a conversation id derived from that key and the request's name, email and
 * content, so a retry of the same request (the answer was lost, the customer pressed the button
 * again) names the same conversation, and messaging's idempotency key (conversation, client message
 * id) returns the message stored the first time instead of storing a second conversation.
 *
 * <p>The id is SHA-256 over the fields, shaped as an RFC 9562 version 8 UUID. Nobody can aim a
 * start at an existing conversation: its id is random (or derived from another request), and
 * finding inputs that hash to it is a preimage search. Two customers only share a conversation if
 * they send the same name, email, content and key; the key must be a UUID for that reason, and
 * clients make it random ({@code crypto.randomUUID()}).
 */
public final class ConversationStarts {

  private ConversationStarts() {}

  /**
   * The conversation id for a start with idempotency key {@code key}; {@code email} may be null.
   */
  public static UUID conversationId(UUID key, String name, String email, String content) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    update(sha256, "support-inbox conversation start v1");
    update(sha256, key.toString());
    update(sha256, name);
    update(sha256, email == null ? "" : email);
    sha256.update((byte) (email == null ? 0 : 1));
    update(sha256, content);
    ByteBuffer hash = ByteBuffer.wrap(sha256.digest());
    long high = hash.getLong();
    long low = hash.getLong();
    high = (high & ~0xF000L) | 0x8000L; // version 8: custom
    low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // variant 10: RFC 9562
    return new UUID(high, low);
  }

  /** Length-prefixed, so that no two different field lists give the same bytes. */
  private static void update(MessageDigest digest, String field) {
    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
    digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    digest.update(bytes);
  }
}
