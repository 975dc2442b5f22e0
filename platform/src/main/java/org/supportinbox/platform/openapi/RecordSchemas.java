package org.supportinbox.platform.openapi;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.supportinbox.contracts.Required;
import org.supportinbox.platform.WireNames;

/**
 * OpenAPI schemas made from contracts' records, as the wire has them: each component under its
 * snake_case name ({@link WireNames}), {@link Required} ones listed as required, nested records as
 * references. So the document describes the same record the code reads and writes, and cannot drift
 * from it.
 */
public final class RecordSchemas {

  private RecordSchemas() {}

  /** The schema of each record and of every record they contain, by the record's simple name. */
  public static Map<String, Schema> of(List<Class<? extends Record>> records) {
    Map<String, Schema> schemas = new LinkedHashMap<>();
    List<Class<?>> todo = new ArrayList<>(records);
    while (!todo.isEmpty()) {
      Class<?> type = todo.remove(0);
      if (schemas.containsKey(type.getSimpleName())) {
        continue;
      }
      Schema schema = OASFactory.createSchema().type(Schema.SchemaType.OBJECT);
      List<String> required = new ArrayList<>();
      for (RecordComponent c : type.getRecordComponents()) {
        String name = WireNames.of(c);
        schema.addProperty(name, property(c.getGenericType(), todo));
        if (c.isAnnotationPresent(Required.class)) {
          required.add(name);
        }
      }
      if (!required.isEmpty()) {
        schema.required(required);
      }
      schemas.put(type.getSimpleName(), schema);
    }
    return schemas;
  }

  private static Schema property(Type type, List<Class<?>> todo) {
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      return OASFactory.createSchema()
          .type(Schema.SchemaType.ARRAY)
          .items(property(p.getActualTypeArguments()[0], todo));
    }
    if (!(type instanceof Class<?> c)) {
      return OASFactory.createSchema(); // a type parameter: any JSON value
    }
    if (c == String.class) {
      return OASFactory.createSchema().type(Schema.SchemaType.STRING);
    }
    if (c == UUID.class) {
      return OASFactory.createSchema().type(Schema.SchemaType.STRING).format("uuid");
    }
    if (c == Instant.class) {
      return OASFactory.createSchema().type(Schema.SchemaType.STRING).format("date-time");
    }
    if (c == int.class || c == Integer.class) {
      return OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int32");
    }
    if (c == long.class || c == Long.class) {
      return OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int64");
    }
    if (c == boolean.class || c == Boolean.class) {
      return OASFactory.createSchema().type(Schema.SchemaType.BOOLEAN);
    }
    if (c.isRecord()) {
      todo.add(c);
      return OASFactory.createSchema().ref(c.getSimpleName());
    }
    return OASFactory.createSchema().type(Schema.SchemaType.OBJECT);
  }
}
