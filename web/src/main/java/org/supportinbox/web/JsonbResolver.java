package org.supportinbox.messaging.api.rest;

import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import org.supportinbox.messaging.infrastructure.json.WireJson;

/** Makes JAX-RS write response bodies with {@link WireJson}: snake_case, nulls included. */
@Provider
public class JsonbResolver implements ContextResolver<Jsonb> {
  @Override
  public Jsonb getContext(Class<?> type) {
    return WireJson.JSONB;
  }
}
