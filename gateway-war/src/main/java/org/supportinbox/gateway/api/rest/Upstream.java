package org.supportinbox.gateway.api.rest;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.supportinbox.contracts.rest.ErrorBody;
import org.supportinbox.gateway.application.Messaging;
import org.supportinbox.platform.WireJson;

/** Passing messaging's answers on. */
final class Upstream {

  private Upstream() {}

  /**
   * The caller's token, to call messaging as the caller: the auth filter accepted this {@code
   * Authorization} header, "Bearer <token>" with the scheme in any case.
   */
  static String bearerToken(String authorization) {
    return authorization.substring("Bearer ".length()).strip();
  }

  /** Messaging's status and body as they are (errors keep their status and JSON body). */
  static Response relay(Messaging.Answer answer) {
    return relay(answer, Map.of());
  }

  /**
   * Messaging's status and body; an error's {@code field} is renamed by {@code fieldNames}
   * (messaging's name → the name the caller sent), so that it always names what the caller sent.
   */
  static Response relay(Messaging.Answer answer, Map<String, String> fieldNames) {
    String body = answer.body();
    if (!answer.ok() && !fieldNames.isEmpty()) {
      JsonObject error = WireJson.object(body);
      if (error.get("field") instanceof JsonString field
          && fieldNames.containsKey(field.getString())) {
        String name = fieldNames.get(field.getString());
        body =
            WireJson.JSONB.toJson(
                new ErrorBody(
                    error.getString("error", "invalid_field"),
                    error.getString("detail", "").replace(field.getString(), name),
                    name));
      }
    }
    return Response.status(answer.status())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(body)
        .build();
  }
}
