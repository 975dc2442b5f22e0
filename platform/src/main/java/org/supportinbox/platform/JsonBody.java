package org.supportinbox.platform;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.supportinbox.contracts.Required;
import org.supportinbox.contracts.WireEnum;

/**
 * A request body read strictly: one JSON object, only the fields the endpoint knows, each of the
 * JSON type it must have. Every failure names the field.
 */
public final class JsonBody {

  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private static final JsonParserFactory PARSERS = WireJson.JSON.createParserFactory(Map.of());

  private final JsonObject json;

  private JsonBody(JsonObject json) {
    this.json = json;
  }

  /**
   * Parses a body of the request record {@code type} (one of contracts' records): only its fields,
   * by their wire names. {@link #as} then reads it into the record.
   */
  public static JsonBody parse(String text, Class<? extends Record> type) {
    return parse(text, WireNames.of(type));
  }

  /** Parses {@code text}; rejects anything but an object, and fields outside {@code allowed}. */
  public static JsonBody parse(String text, Set<String> allowed) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("malformed_json", null, "the request body is empty");
    }
    JsonValue value;
    try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
      parser.next();
      value = parser.getValue();
      // A reader stops after the first value: "{...}{...}" must not pass as its first object.
      if (parser.hasNext()) {
        throw new InvalidInputException(
            "malformed_json", null, "the request body has more after its JSON value");
      }
    } catch (JsonParsingException e) {
      throw new InvalidInputException(
          "malformed_json", null, "the request body is not valid JSON: " + e.getMessage());
    } catch (JsonException | NoSuchElementException | IllegalStateException e) {
      // JsonException: unreadable input; NoSuchElementException: no value at all;
      // IllegalStateException: the first event starts no value (getValue() refuses it).
      throw new InvalidInputException("malformed_json", null, "the request body is not valid JSON");
    } catch (RuntimeException e) {
      if (e.getClass() != RuntimeException.class) {
        throw e;
      }
      // Parsson throws a plain RuntimeException for input nested deeper than its limit ("Input is
      // too deeply nested 1,000"); reading a String does no I/O, so that is all it can mean.
      throw new InvalidInputException(
          "malformed_json", null, "the request body is not valid JSON: " + e.getMessage());
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

  /**
   * The body as the record {@code type}: each component read by its type (String, UUID, Boolean,
   * Integer or int, Long or long, Double or double, List of String, List of a record) under its
   * wire name, null (0, false) where the body has none; a component marked {@link Required} must be
   * there ({@code missing_field} otherwise). The elements of a list of records are read the same
   * way, each an object with only that record's fields; an error in one names the list's field and
   * says which element ({@code passages[3].text must be a string}).
   */
  public <R extends Record> R as(Class<R> type) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      String field = WireNames.of(c);
      types[i] = c.getType();
      Object value = read(field, c.getType(), c.getGenericType());
      if (value == null && c.isAnnotationPresent(Required.class)) {
        throw new InvalidInputException("missing_field", field, field + " is required");
      }
      values[i] = value == null ? defaultOf(c.getType()) : value;
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("cannot make a " + type.getSimpleName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make a " + type.getSimpleName(), e);
    }
  }

  private Object read(String field, Class<?> type, Type generic) {
    if (type == String.class) {
      return string(field);
    }
    if (type == UUID.class) {
      return uuid(field);
    }
    if (type == Boolean.class || type == boolean.class) {
      return bool(field);
    }
    if (type == Long.class || type == long.class) {
      return integer(field, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (type == Integer.class || type == int.class) {
      Long n = integer(field, Integer.MIN_VALUE, Integer.MAX_VALUE);
      return n == null ? null : n.intValue();
    }
    if (type == List.class) {
      Class<?> element = elementType(generic);
      if (element != null && element.isRecord()) {
        return records(field, element.asSubclass(Record.class));
      }
      return strings(field);
    }
    if (type == Double.class || type == double.class) {
      return number(field);
    }
    throw new IllegalArgumentException("a request record cannot have a component of " + type);
  }

  private static Object defaultOf(Class<?> type) {
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == double.class) {
      return 0.0;
    }
    return null;
  }

  /** The class of a {@code List<X>}'s elements, or null when it cannot be told. */
  private static Class<?> elementType(Type generic) {
    if (generic instanceof ParameterizedType p
        && p.getActualTypeArguments().length == 1
        && p.getActualTypeArguments()[0] instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  /**
   * An array of objects, each read as the record {@code type} with only its fields; null when
   * absent or JSON null. Any error names {@code field} and the element.
   */
  public <R extends Record> List<R> records(String field, Class<R> type) {
    JsonValue v = json.get(field);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (v.getValueType() != JsonValue.ValueType.ARRAY) {
      throw new InvalidInputException(field, field + " must be an array of objects");
    }
    Set<String> allowed = WireNames.of(type);
    List<R> values = new ArrayList<>();
    int i = 0;
    for (JsonValue element : v.asJsonArray()) {
      String at = field + "[" + i++ + "]";
      if (element.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new InvalidInputException(field, at + " must be an object");
      }
      JsonObject object = element.asJsonObject();
      for (String key : object.keySet()) {
        if (!allowed.contains(key)) {
          throw new InvalidInputException(
              "unknown_field",
              field,
              at
                  + " has the unknown field '"
                  + key
                  + "'; allowed: "
                  + new java.util.TreeSet<>(allowed));
        }
      }
      try {
        values.add(new JsonBody(object).as(type));
      } catch (InvalidInputException e) {
        throw new InvalidInputException(e.code(), field, at + "." + e.getMessage());
      }
    }
    return values;
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

  /**
   * A string field; null when absent or JSON null. A string with NUL or an unpaired surrogate is
   * refused ({@link Texts#requireStorable}) whatever the field: no store holds NUL, and a lone
   * surrogate cannot even be sent on as UTF-8 (a service forwarding it would send '?' instead).
   */
  public String string(String field) {
    JsonValue v = json.get(field);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (v.getValueType() != JsonValue.ValueType.STRING) {
      throw new InvalidInputException(field, field + " must be a string");
    }
    String s = ((JsonString) v).getString();
    Texts.requireStorable(field, s);
    return s;
  }

  /**
   * An array of strings; null when absent or JSON null. Each element must be a string (not null),
   * storable as {@link #string} requires; the error names the field.
   */
  public List<String> strings(String field) {
    JsonValue v = json.get(field);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (v.getValueType() != JsonValue.ValueType.ARRAY) {
      throw new InvalidInputException(field, field + " must be an array of strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonValue element : v.asJsonArray()) {
      if (element.getValueType() != JsonValue.ValueType.STRING) {
        throw new InvalidInputException(field, field + " must be an array of strings");
      }
      String s = ((JsonString) element).getString();
      Texts.requireStorable(field, s);
      values.add(s);
    }
    return values;
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

  /**
   * A number, finite and within what a {@code double} holds; null when absent or JSON null. A
   * number too large for a double ({@code 1e400}) is refused rather than read as infinity.
   */
  public Double number(String field) {
    JsonValue v = json.get(field);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (v.getValueType() != JsonValue.ValueType.NUMBER) {
      throw new InvalidInputException(field, field + " must be a number");
    }
    double d = ((JsonNumber) v).doubleValue();
    if (!Double.isFinite(d)) {
      throw new InvalidInputException(field, field + " is out of range");
    }
    return d;
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
