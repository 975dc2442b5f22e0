package org.supportinbox.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextsTest {

  @Test
  void contentIsTrimmed() {
    assertEquals("hello", Texts.content("content", "  hello \n"));
  }

  @Test
  void emptyOrBlankContentIsRefused() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Texts.content("content", " \t\n "));
    assertEquals("content", e.field());
  }

  @Test
  void contentLengthCountsCodePointsNotUtf16Units() {
    String emoji = "\uD83D\uDE00"; // one code point, two chars
    assertEquals(emoji.repeat(10_000), Texts.content("content", emoji.repeat(10_000)));
    assertThrows(InvalidInputException.class, () -> Texts.content("content", emoji.repeat(10_001)));
    assertThrows(InvalidInputException.class, () -> Texts.content("content", "a".repeat(10_001)));
  }

  @Test
  void nulAndUnpairedSurrogatesAreRefused() {
    assertThrows(InvalidInputException.class, () -> Texts.content("content", "a\u0000b"));
    assertThrows(InvalidInputException.class, () -> Texts.content("content", "a\uD800b"));
    assertThrows(InvalidInputException.class, () -> Texts.content("content", "a\uDC00"));
  }

  @Test
  void rightToLeftAndZeroWidthTextIsKept() {
    String text = "\u05E9\u05DC\u05D5\u05DD\u200B\u202Eabc";
    assertEquals(text, Texts.content("content", text));
  }

  @Test
  void shortTextIsSingleLineAndBounded() {
    assertNull(Texts.shortText("name", null, 10));
    assertEquals("Ann", Texts.shortText("name", " Ann ", 10));
    assertThrows(InvalidInputException.class, () -> Texts.shortText("name", "a\nb", 10));
    assertThrows(InvalidInputException.class, () -> Texts.shortText("name", "x".repeat(11), 10));
    assertThrows(InvalidInputException.class, () -> Texts.shortText("name", "  ", 10));
  }
}
