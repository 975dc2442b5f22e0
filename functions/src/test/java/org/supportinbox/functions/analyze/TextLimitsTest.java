package org.supportinbox.functions.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextLimitsTest {

  @ParameterizedTest(name = "cut(\"{0}\", {1}) = \"{2}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "the quick brown fox | 19 | the quick brown fox",
        "the quick brown fox | 12 | the quick…",
        "the quick brown fox | 10 | the quick…",
        "the quick brown fox | 9  | the quic…",
        "abcdefghij          | 5  | abcd…",
        "ab cdefghij         | 8  | ab cdef…",
        "ab                  | 1  | a",
      })
  void cutsAtWordBoundaryWithinTheLimit(String text, int max, String expected) {
    assertEquals(expected, TextLimits.cut(text, max, "…"));
  }

  @Test
  void cutFallsMidWordWhenTheLastSpaceWouldLoseMoreThanHalf() {
    String text = "see https://example.com/" + "x".repeat(100);
    assertEquals(text.substring(0, 39) + "…", TextLimits.cut(text, 40, "…"));
  }

  @Test
  void cutNeverEndsWithTheSpaceBeforeTheMarker() {
    assertEquals("one two [cut]", TextLimits.cut("one two   three four", 14, " [cut]"));
  }

  @Test
  void cutAtANewlineDropsTheNewline() {
    assertEquals("first line…", TextLimits.cut("first line\nsecond line", 15, "…"));
  }

  @Test
  void cleanKeepsNewlineTabAndPrintableText() {
    assertEquals("a\nb\tc ü 😀 <b>&amp;</b>", TextLimits.clean("a\nb\tc ü 😀 <b>&amp;</b>"));
  }

  @Test
  void cleanRemovesC0ControlsCarriageReturnsAndLoneSurrogates() {
    assertEquals(
        "ab\ncd😀e", TextLimits.clean("\u0000a\u0007b\r\nc\u001bd\uD83D\uDE00\uD83De\uDE00"));
  }

  @Test
  void oneLineJoinsLinesWithSingleSpaces() {
    assertEquals("a b c", TextLimits.oneLine("  a\n\n b\t c \n"));
  }

  @Test
  void prefixCountsCodePoints() {
    assertEquals("😀😀", TextLimits.prefix("😀😀😀", 2));
    assertEquals("ab", TextLimits.prefix("ab", 5));
  }
}
