package org.supportinbox.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.spi.JsonProvider;

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

  private WireJson() {}
}
