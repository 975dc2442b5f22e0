package org.supportinbox.platform;

import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;

/**
 * Subclass with {@code @Provider} to make JAX-RS write response bodies with {@link WireJson}:
 * snake_case, nulls included.
 */
public class JsonbResolver implements ContextResolver<Jsonb> {
  @Override
  public Jsonb getContext(Class<?> type) {
    return WireJson.JSONB;
  }
}
