package org.supportinbox.functions.analyze.ollama;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.Sentiment;
import org.supportinbox.contracts.Urgency;
import org.supportinbox.contracts.WireEnum;
import org.supportinbox.functions.analyze.Insight;
import org.supportinbox.functions.analyze.InsightParser;

/**
 * The JSON schema of the model's answer, as Ollama's structured outputs take it in {@code format}
 * (draft-07 keywords). The vocabularies come from the contracts enums, so a new intent reaches the
 * model with no edit here. The length limits tell the model what {@link InsightParser} will cut.
 */
public final class InsightSchema {

  private static final Map<String, Object> SCHEMA = build();

  private InsightSchema() {}

  /**
   * The schema as nested unmodifiable maps and lists, in a stable key order; serialise it with any
   * JSON library.
   */
  public static Map<String, Object> jsonSchema() {
    return SCHEMA;
  }

  private static Map<String, Object> build() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("intent", enumOf(Intent.class));
    properties.put("summary", text(Insight.SUMMARY_MAX));
    properties.put("suggested_reply", text(Insight.SUGGESTED_REPLY_MAX));
    properties.put("sentiment", enumOf(Sentiment.class));
    properties.put("urgency", enumOf(Urgency.class));
    properties.put("conversation_summary", text(Insight.CONVERSATION_SUMMARY_MAX));

    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", Collections.unmodifiableMap(properties));
    schema.put("required", List.copyOf(properties.keySet()));
    schema.put("additionalProperties", false);
    return Collections.unmodifiableMap(schema);
  }

  private static <E extends Enum<E> & WireEnum> Map<String, Object> enumOf(Class<E> type) {
    Map<String, Object> property = new LinkedHashMap<>();
    property.put("type", "string");
    property.put("enum", Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).toList());
    return Collections.unmodifiableMap(property);
  }

  private static Map<String, Object> text(int maxLength) {
    Map<String, Object> property = new LinkedHashMap<>();
    property.put("type", "string");
    property.put("maxLength", maxLength);
    return Collections.unmodifiableMap(property);
  }
}
