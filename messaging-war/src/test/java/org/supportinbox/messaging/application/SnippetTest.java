package org.supportinbox.messaging.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.rest.SearchResult.Highlight;

/** A ts_headline snippet becomes plain text and the offsets of its marked words. */
class SnippetTest {

  @Test
  void marksBecomeOffsetsInThePlainText() {
    SearchService.Snippet s =
        SearchService.Snippet.of("my \u0002refund\u0003 for the \u0002order\u0003 …");
    assertEquals("my refund for the order …", s.text());
    assertEquals(List.of(new Highlight(3, 9), new Highlight(18, 23)), s.highlights());
  }

  @Test
  void offsetsCountUtf16UnitsAsJavaScriptDoes() {
    SearchService.Snippet s = SearchService.Snippet.of("😀 \u0002Café\u0003");
    assertEquals(new Highlight(3, 7), s.highlights().get(0));
    assertEquals("Café", s.text().substring(3, 7));
  }

  @Test
  void strayOrEmptyMarksAreDropped() {
    assertEquals(List.of(), SearchService.Snippet.of("a \u0003b\u0002\u0003 c").highlights());
    assertEquals("a b c", SearchService.Snippet.of("a \u0003b\u0002\u0003 c").text());
    assertEquals("plain", SearchService.Snippet.of("plain").text());
  }
}
