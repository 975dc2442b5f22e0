package org.supportinbox.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;

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

  private WireJson() {}
}
