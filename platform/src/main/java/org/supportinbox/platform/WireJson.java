package org.supportinbox.platform;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Map;

/**
 * JSON as every service writes it: snake_case names of the record components, and null fields
 * written out (a message's {@code "ai": null} says "not analysed", which a missing field would
 * not).
 */
public final class WireJson {

  /** Thread-safe; shared by the REST layer and the outbox. */
  public static final Jsonb JSONB =
      JsonbBuilder.create(
          new JsonbConfig()
              .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
              .withNullValues(true));

  /**
   * The JSON-P provider, looked up once. {@code Json.createObjectBuilder()} and its siblings look
   * the provider up on every call, a class-path scan through Payara's class loaders that was the
   * largest single cost of the gateway's fan-out; build JSON with {@code WireJson.JSON.create...}.
   */
  public static final JsonProvider JSON = JsonProvider.provider();

  /** Readers from {@link #JSON}, shared: a factory is thread-safe. */
  public static final JsonReaderFactory READERS = JSON.createReaderFactory(Map.of());

  private WireJson() {}

  /** {@code json} as an object; {@link jakarta.json.JsonException} when it is not one. */
  public static JsonObject object(String json) {
    try (JsonReader reader = READERS.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }
}
