package org.supportinbox.gateway.api.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The API lives at the root of the gateway's origin (port 8000 by default). */
@ApplicationPath("/")
public class GatewayApplication extends Application {

  @Override
  public Map<String, Object> getProperties() {
    // No generated /application.wadl: every path the service answers is one it documents.
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
