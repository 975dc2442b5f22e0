package org.supportinbox.functions.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PassageChunkerTest {

  private final PassageChunker chunker = new PassageChunker(100, 140);

  @Test
  void shortParagraphsArePackedTogetherUpToTheTarget() {
    String body =
        "First paragraph here.\n\nSecond one.\n\n\n\nThird paragraph, a bit longer than the others.";
    assertThat(chunker.chunk(body))
        .containsExactly(
            "First paragraph here.\n\nSecond one.\n\nThird paragraph, a bit longer than the others.");
  }

  @Test
  void paragraphsThatDoNotFitStartANewChunk() {
    String a = "a".repeat(60) + ".";
    String b = "b".repeat(60) + ".";
    assertThat(chunker.chunk(a + "\n\n" + b)).containsExactly(a, b);
  }

  @Test
  void aLongParagraphIsCutOnSentenceBoundaries() {
    String s1 = "The refund is issued within five business days after we receive the parcel.";
    String s2 = "Your bank may need another three to ten days to show it on the statement.";
    String s3 = "No gift cards.";
    List<String> chunks = chunker.chunk(s1 + " " + s2 + " " + s3);
    assertThat(chunks).containsExactly(s1, s2 + " " + s3);
  }

  @Test
  void aSentenceLongerThanTheMaximumIsCutOnWhiteSpaceAndAWordAnywhere() {
    String words = "word ".repeat(60).strip(); // 299 chars, no sentence end
    List<String> chunks = chunker.chunk(words);
    assertThat(chunks).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(140));
    assertThat(String.join(" ", chunks)).isEqualTo(words);

    String oneWord = "x".repeat(300);
    assertThat(chunker.chunk(oneWord))
        .containsExactly("x".repeat(140), "x".repeat(140), "x".repeat(20));
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00"; // one code point, two chars
    String body = "x".repeat(139) + emoji + "y";
    for (String c : chunker.chunk(body)) {
      assertThat(Character.isHighSurrogate(c.charAt(c.length() - 1))).isFalse();
      assertThat(Character.isLowSurrogate(c.charAt(0))).isFalse();
    }
    assertThat(String.join("", chunker.chunk(body))).isEqualTo(body);
  }

  @Test
  void everyChunkOfARealArticleIsWithinTheDefaults() {
    PassageChunker defaults = new PassageChunker();
    String body =
        ("A sentence of an article that goes on for a while. ".repeat(12) + "\n\n").repeat(5);
    List<String> chunks = defaults.chunk(body);
    assertThat(chunks).hasSizeGreaterThan(1);
    assertThat(chunks).allSatisfy(c -> assertThat(c.length()).isBetween(1, PassageChunker.MAX));
  }

  @Test
  void passagesCarryTheTitleAndTheirOrderAndABlankBodyGivesTheTitleAlone() {
    List<Passage> passages = chunker.passages("a1", "Refunds", "one.\n\n" + "two ".repeat(35));
    assertThat(passages).extracting(Passage::ordinal).containsExactly(0, 1);
    assertThat(passages.get(0).indexedText()).startsWith("Refunds\n\none.");
    assertThat(chunker.passages("a2", "Only a title", "  \n\n "))
        .singleElement()
        .satisfies(p -> assertThat(p.indexedText()).isEqualTo("Only a title\n\n"));
  }

  @Test
  void refusesATargetAboveTheMaximum() {
    assertThatThrownBy(() -> new PassageChunker(200, 100))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
