package org.supportinbox.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.util.Map;

/** Parses the services' JSON answers and socket frames (jakarta.json, Parsson). */
final class JsonText {

  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  private JsonText() {}

  static JsonObject object(String json) {
    try (JsonReader reader = READERS.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  /** The string field {@code name} of the object {@code json}, which must be there. */
  static String required(String json, String name) {
    String value = object(json).getString(name, null);
    if (value == null) {
      throw new IllegalStateException(
          "no " + name + " in " + json.substring(0, Math.min(200, json.length())));
    }
    return value;
  }
}
