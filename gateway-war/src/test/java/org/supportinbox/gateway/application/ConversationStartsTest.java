package org.supportinbox.gateway.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConversationStartsTest {

  private static final UUID KEY = UUID.fromString("0b7e3c1e-3f4a-4c55-9a57-2f2b0f9e8d11");

  @Test
  void theSameRequestNamesTheSameConversation() {
    assertEquals(
        ConversationStarts.conversationId(KEY, "Ivy", null, "Where is order 4711?"),
        ConversationStarts.conversationId(KEY, "Ivy", null, "Where is order 4711?"));
  }

  @Test
  void everyFieldCounts() {
    UUID id = ConversationStarts.conversationId(KEY, "Ivy", "ivy@example.com", "hello");
    assertNotEquals(
        id,
        ConversationStarts.conversationId(UUID.randomUUID(), "Ivy", "ivy@example.com", "hello"));
    assertNotEquals(id, ConversationStarts.conversationId(KEY, "Ivo", "ivy@example.com", "hello"));
    assertNotEquals(id, ConversationStarts.conversationId(KEY, "Ivy", "ivo@example.com", "hello"));
    assertNotEquals(id, ConversationStarts.conversationId(KEY, "Ivy", null, "hello"));
    assertNotEquals(id, ConversationStarts.conversationId(KEY, "Ivy", "ivy@example.com", "hello!"));
  }

  @Test
  void fieldBoundariesCannotBeShifted() {
    // Without length prefixes, "ab" + "c" and "a" + "bc" would hash alike.
    assertNotEquals(
        ConversationStarts.conversationId(KEY, "ab", null, "c"),
        ConversationStarts.conversationId(KEY, "a", null, "bc"));
    // No email and an empty one are different requests.
    assertNotEquals(
        ConversationStarts.conversationId(KEY, "Ivy", null, "hi"),
        ConversationStarts.conversationId(KEY, "Ivy", "", "hi"));
  }

  @Test
  void theIdIsAnRfc9562Version8Uuid() {
    UUID id = ConversationStarts.conversationId(KEY, "Ivy", null, "hi");
    assertEquals(8, id.version());
    assertEquals(2, id.variant());
  }
}
