package org.supportinbox.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;

/**
 * JSON as the services put it on the wire, for the test tools: the contracts' records in snake_case
 * (platform's {@code WireJson}, which this module may not depend on, configures JSON-B the same
 * way), frames and answers as JSON-P objects, and the tools' reports pretty-printed.
 */
public final class JsonWire {

  /** Thread-safe; null fields are left out of what the tools send. */
  public static final Jsonb JSONB =
      JsonbBuilder.create(
          new JsonbConfig()
              .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));

  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  private static final JsonWriterFactory PRETTY =
      Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

  private JsonWire() {}

  /** {@code json} as an object; {@link jakarta.json.JsonException} when it is not one. */
  public static JsonObject object(String json) {
    try (JsonReader reader = READERS.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  /** A record of the contracts (or any JSON-B type) from its wire form. */
  public static <T> T read(String json, Class<T> type) {
    return JSONB.fromJson(json, type);
  }

  public static <T> T read(JsonValue json, Class<T> type) {
    return read(json.toString(), type);
  }

  /** A record of the contracts (or any JSON-B type) in its wire form. */
  public static String write(Object value) {
    return JSONB.toJson(value);
  }

  /** A report's JSON, indented. */
  public static String pretty(JsonStructure json) {
    StringWriter w = new StringWriter();
    try (JsonWriter writer = PRETTY.createWriter(w)) {
      writer.write(json);
    }
    return w.toString();
  }
}
