package org.supportinbox.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventSignatureTest {

  private static final EventSignature KEY =
      EventSignature.fromSecret("0123456789abcdef0123456789abcdef");
  private static final byte[] BODY =
      "{\"event_type\":\"message.created\",\"content\":\"hi\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void aSignedEventVerifies() {
    assertTrue(KEY.verify("message.created", BODY, KEY.sign("message.created", BODY)));
  }

  @Test
  void anythingChangedFailsToVerify() {
    String signature = KEY.sign("message.created", BODY);
    byte[] changed =
        "{\"event_type\":\"message.created\",\"content\":\"hI\"}".getBytes(StandardCharsets.UTF_8);
    assertFalse(KEY.verify("message.created", changed, signature), "body");
    assertFalse(KEY.verify("ai.requested", BODY, signature), "routing key");
    assertFalse(KEY.verify("message.created", BODY, null), "no signature");
    assertFalse(KEY.verify("message.created", BODY, "not base64 !"), "garbage");
    assertFalse(KEY.verify("message.created", BODY, signature.substring(1)), "cut");
    EventSignature other = EventSignature.fromSecret("another secret, 32 bytes or more..");
    assertFalse(other.verify("message.created", BODY, signature), "another key");
    assertNotEquals(signature, other.sign("message.created", BODY));
  }
}
