package org.supportinbox.messaging.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConversationTest {

  @Test
  void previewCutsAtCodePointBoundary() {
    String emoji = "\uD83D\uDE00";
    assertEquals(emoji.repeat(Conversation.PREVIEW) + "…", Conversation.preview(emoji.repeat(200)));
    assertEquals("short", Conversation.preview("short"));
  }
}
