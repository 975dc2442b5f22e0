package org.supportinbox.functions.analyze.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.Sentiment;
import org.supportinbox.contracts.Urgency;
import org.supportinbox.contracts.WireEnum;
import org.supportinbox.functions.analyze.Insight;
import org.supportinbox.functions.analyze.InsightParser;
import org.supportinbox.functions.analyze.ParseResult;

class InsightSchemaTest {

  private static final Map<String, Object> SCHEMA = InsightSchema.jsonSchema();

  @Test
  void isAClosedObjectRequiringAllSixFields() {
    assertEquals("object", SCHEMA.get("type"));
    assertEquals(
        List.of(
            "intent", "summary", "suggested_reply", "sentiment", "urgency", "conversation_summary"),
        SCHEMA.get("required"));
    assertEquals(false, SCHEMA.get("additionalProperties"));
    assertEquals(List.copyOf(properties().keySet()), SCHEMA.get("required"));
  }

  @Test
  void enumsAreTheContractsWireValues() {
    assertEquals(wires(Intent.values()), property("intent").get("enum"));
    assertEquals(wires(Sentiment.values()), property("sentiment").get("enum"));
    assertEquals(wires(Urgency.values()), property("urgency").get("enum"));
    assertEquals(12, ((List<?>) property("intent").get("enum")).size());
    assertEquals(List.of("low", "normal", "high"), property("urgency").get("enum"));
  }

  @Test
  void textsAreStringsWithTheParserLimits() {
    assertEquals(Map.of("type", "string", "maxLength", 280), property("summary"));
    assertEquals(Map.of("type", "string", "maxLength", 1200), property("suggested_reply"));
    assertEquals(Insight.SUMMARY_MAX, property("summary").get("maxLength"));
    assertEquals(Insight.SUGGESTED_REPLY_MAX, property("suggested_reply").get("maxLength"));
  }

  @Test
  void serialisesToTheExpectedJson() throws Exception {
    assertEquals(
        "{\"type\":\"object\",\"properties\":{"
            + "\"intent\":{\"type\":\"string\",\"enum\":[\"billing\",\"refund\",\"order_status\","
            + "\"technical_issue\",\"account_access\",\"cancellation\",\"product_question\","
            + "\"feature_request\",\"complaint\",\"feedback\",\"greeting\",\"other\"]},"
            + "\"summary\":{\"type\":\"string\",\"maxLength\":280},"
            + "\"suggested_reply\":{\"type\":\"string\",\"maxLength\":1200},"
            + "\"sentiment\":{\"type\":\"string\",\"enum\":[\"negative\",\"neutral\",\"positive\"]},"
            + "\"urgency\":{\"type\":\"string\",\"enum\":[\"low\",\"normal\",\"high\"]},"
            + "\"conversation_summary\":{\"type\":\"string\",\"maxLength\":600}},"
            + "\"required\":[\"intent\",\"summary\",\"suggested_reply\",\"sentiment\",\"urgency\","
            + "\"conversation_summary\"],"
            + "\"additionalProperties\":false}",
        new ObjectMapper().writeValueAsString(SCHEMA));
  }

  @Test
  void isUnmodifiable() {
    assertThrows(UnsupportedOperationException.class, () -> SCHEMA.put("x", 1));
    assertThrows(UnsupportedOperationException.class, () -> properties().remove("intent"));
  }

  @Test
  void everyValueTheSchemaAllowsIsAccepted() {
    for (Intent intent : Intent.values()) {
      String output =
          "{\"intent\":\"%s\",\"summary\":\"s\",\"suggested_reply\":\"r\",\"sentiment\":\"positive\",\"urgency\":\"low\"}"
              .formatted(intent.wire());
      assertEquals(
          new ParseResult.Accepted(new Insight(intent, "s", "r", Sentiment.POSITIVE, Urgency.LOW)),
          InsightParser.parse(output));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties() {
    return (Map<String, Object>) SCHEMA.get("properties");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> property(String name) {
    return (Map<String, Object>) properties().get(name);
  }

  private static List<String> wires(WireEnum[] values) {
    return Arrays.stream(values).map(WireEnum::wire).toList();
  }
}
