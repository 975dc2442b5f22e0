package org.supportinbox.messaging.api.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The API lives at the root of messaging's origin (port 8001 by default). */
@ApplicationPath("/")
public class MessagingApplication extends Application {

  @Override
  public Map<String, Object> getProperties() {
    // No generated /application.wadl: every path the service answers is one it documents.
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
