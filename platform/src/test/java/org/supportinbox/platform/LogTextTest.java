package org.supportinbox.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class LogTextTest {

  @Test
  void aLineBreakCannotForgeALogLine() {
    String forged = "bob\n2026-12-06 INFO login username=admin";
    String safe = LogText.of(forged);
    assertFalse(safe.contains("\n"));
    assertEquals("bob\\n2026-12-06 INFO login username=admin", safe);
    assertEquals("a\\rb\\u0000c\\u2028d", LogText.of("a\rb\u0000c\u2028d"));
  }

  @Test
  void longTextIsCut() {
    assertEquals(LogText.MAX + 1, LogText.of("x".repeat(10_000)).length());
    assertEquals("null", LogText.of(null));
  }
}
