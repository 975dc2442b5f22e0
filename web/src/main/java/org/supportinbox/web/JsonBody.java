package org.supportinbox.web;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.supportinbox.contracts.WireEnum;

/**
 * A request body read strictly: one JSON object, only the fields the endpoint knows, each of the
 * JSON type it must have. Every failure names the field.
 */
public final class JsonBody {

  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final JsonObject json;

  private JsonBody(JsonObject json) {
    this.json = json;
  }

  /** Parses {@code text}; rejects anything but an object, and fields outside {@code allowed}. */
  public static JsonBody parse(String text, Set<String> allowed) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("malformed_json", null, "the request body is empty");
    }
    JsonValue value;
    try (JsonReader reader = WireJson.READERS.createReader(new StringReader(text))) {
      value = reader.readValue();
    } catch (JsonParsingException e) {
      throw new InvalidInputException(
          "malformed_json", null, "the request body is not valid JSON: " + e.getMessage());
    } catch (JsonException e) {
      throw new InvalidInputException("malformed_json", null, "the request body is not valid JSON");
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new InvalidInputException(
          "malformed_json", null, "the request body must be a JSON object");
    }
    JsonObject object = value.asJsonObject();
    for (String key : object.keySet()) {
      if (!allowed.contains(key)) {
        throw new InvalidInputException(
            "unknown_field",
            key,
            "unknown field '" + key + "'; allowed: " + new java.util.TreeSet<>(allowed));
      }
    }
    return new JsonBody(object);
  }

  public boolean has(String field) {
    return json.containsKey(field);
  }

  public boolean isEmpty() {
    return json.isEmpty();
  }

  /** A boolean field; null when absent or JSON null. */
  public Boolean bool(String field) {
    JsonValue v = json.get(field);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (v.getValueType() == JsonValue.ValueType.TRUE) {
      return true;
    }
    if (v.getValueType() == JsonValue.ValueType.FALSE) {
      return false;
    }
    throw new InvalidInputException(field, field + " must be true or false");
  }

  /** A string field; null when absent or JSON null. */
  public String string(String field) {
    JsonValue v = json.get(field);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (v.getValueType() != JsonValue.ValueType.STRING) {
      throw new InvalidInputException(field, field + " must be a string");
    }
    return ((JsonString) v).getString();
  }

  public String requiredString(String field) {
    String s = string(field);
    if (s == null) {
      throw new InvalidInputException("missing_field", field, field + " is required");
    }
    return s;
  }

  public UUID uuid(String field) {
    String s = string(field);
    return s == null ? null : uuid(field, s);
  }

  public UUID requiredUuid(String field) {
    return uuid(field, requiredString(field));
  }

  public static UUID uuid(String field, String s) {
    if (!UUID_TEXT.matcher(s).matches()) {
      throw new InvalidInputException(field, field + " must be a UUID, not '" + s + "'");
    }
    return UUID.fromString(s);
  }

  public <E extends Enum<E> & WireEnum> E enumValue(String field, Class<E> type) {
    String s = string(field);
    return s == null ? null : enumValue(field, type, s);
  }

  public <E extends Enum<E> & WireEnum> E requiredEnum(String field, Class<E> type) {
    return enumValue(field, type, requiredString(field));
  }

  public static <E extends Enum<E> & WireEnum> E enumValue(String field, Class<E> type, String s) {
    return WireEnum.parse(type, s)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    field,
                    field + " must be one of " + WireEnum.choices(type) + ", not '" + s + "'"));
  }

  /** A whole number in {@code [min, max]}; null when absent or JSON null. */
  public Long integer(String field, long min, long max) {
    JsonValue v = json.get(field);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (v.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) v).isIntegral()) {
      throw new InvalidInputException(field, field + " must be a whole number");
    }
    long n;
    try {
      n = ((JsonNumber) v).longValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidInputException(field, field + " is out of range");
    }
    if (n < min || n > max) {
      throw new InvalidInputException(field, field + " must be between " + min + " and " + max);
    }
    return n;
  }
}
