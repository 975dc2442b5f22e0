package org.supportinbox.messaging.domain;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.supportinbox.contracts.InsightSource;

/**
 * Stores an insight's sources as the JSON array they are on the wire (snake_case), in one text
 * column (V12): they are read and written with the insight, never queried apart, so a child table
 * would cost a join or a query per message for nothing. An empty list is stored as null.
 */
@Converter
public class InsightSourcesConverter implements AttributeConverter<List<InsightSource>, String> {

  private static final Jsonb JSONB =
      JsonbBuilder.create(
          new JsonbConfig()
              .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));

  private static final Type LIST =
      new ArrayList<InsightSource>() {}.getClass().getGenericSuperclass();

  @Override
  public String convertToDatabaseColumn(List<InsightSource> sources) {
    return sources == null || sources.isEmpty() ? null : JSONB.toJson(sources, LIST);
  }

  @Override
  public List<InsightSource> convertToEntityAttribute(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    List<InsightSource> sources = JSONB.fromJson(json, LIST);
    return List.copyOf(sources);
  }
}
