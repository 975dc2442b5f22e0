package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.gateway.application.Messaging;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.JsonBody;

/**
 * {@code POST /messages/{id}/feedback} ({@code AiFeedback}): what an operator did with a message's
 * AI insight; operators and admins. Passed to messaging with the caller's own token, as the saved
 * replies are: messaging records the operator from it and checks the role again; its answers,
 * errors included, are passed on as they are. A class of its own beside {@link
 * MessageFacadeResource}: JAX-RS picks it for this path, as its template has more literal
 * characters.
 */
@Path("messages/{id}/feedback")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackFacadeResource {

  @Inject Messaging messaging;

  @Operation(summary = "Record what an operator did with a message's AI insight")
  @APIResponse(
      responseCode = "200",
      description = "stored (created or replacing the operator's earlier one of the same kind)",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "FeedbackView")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Allowed({Roles.OPERATOR, Roles.ADMIN})
  public Response feedback(
      @PathParam("id") String id,
      @RequestBody(
              content =
                  @Content(mediaType = "application/json", schema = @Schema(ref = "AiFeedback")))
          String body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return Upstream.relay(messaging.feedback(token(authorization), JsonBody.uuid("id", id), body));
  }

  /** The auth filter accepted this header: "Bearer <token>", the scheme in any case. */
  static String token(String authorization) {
    return authorization.substring("Bearer ".length()).strip();
  }
}
