package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Set;
import org.supportinbox.auth.Caller;
import org.supportinbox.auth.Roles;
import org.supportinbox.gateway.infrastructure.messaging.MessagingClient;
import org.supportinbox.web.Allowed;
import org.supportinbox.web.CallerPrincipal;
import org.supportinbox.web.JsonBody;
import org.supportinbox.web.WireJson;

/**
 * {@code POST /messages {conversation_id, content, client_message_id?}}: an operator's reply. The
 * sender and its name come from the token, never from the body. {@code POST
 * /messages/{id}/reanalyze}: an operator asks for a message to be analysed again.
 */
@Path("messages")
@RequestScoped
public class MessageFacadeResource {

  @Inject MessagingClient messaging;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Allowed({Roles.OPERATOR, Roles.ADMIN})
  public Response post(String text, @Context SecurityContext security) {
    Caller caller = CallerPrincipal.of(security);
    JsonBody body = JsonBody.parse(text, Set.of("conversation_id", "content", "client_message_id"));
    JsonObjectBuilder out =
        WireJson.JSON
            .createObjectBuilder()
            .add("sender", "operator")
            .add("sender_name", caller.name())
            .add("conversation_id", body.requiredUuid("conversation_id").toString())
            .add("content", body.requiredString("content"));
    String clientId = body.string("client_message_id");
    if (clientId != null) {
      out.add("client_message_id", clientId);
    }
    return Upstream.relay(messaging.post("/messages", out.build().toString()));
  }

  /**
   * Passed to messaging with the operator's own token, so that {@code ai.requested} names the
   * operator in {@code requested_by}; answers (202, errors) are messaging's. The body is optional,
   * as in messaging: none, empty or {@code {}}, and JSON when it is there.
   */
  @POST
  @Path("{id}/reanalyze")
  @Produces(MediaType.APPLICATION_JSON)
  @Allowed({Roles.OPERATOR, Roles.ADMIN})
  public Response reanalyze(
      @PathParam("id") String id,
      String text,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context HttpHeaders headers) {
    String path = "/messages/" + JsonBody.uuid("id", id) + "/reanalyze";
    String body = null;
    if (text != null && !text.isBlank()) {
      MediaType type = headers.getMediaType();
      if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        throw new NotSupportedException("a request body must be application/json");
      }
      body = text;
    }
    // The auth filter accepted this header: "Bearer <token>", the scheme in any case.
    String token = authorization.substring("Bearer ".length()).strip();
    return Upstream.relay(messaging.postAs(token, path, body));
  }
}
