package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.contracts.rest.OperatorReply;
import org.supportinbox.gateway.application.Inbox;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.CallerPrincipal;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.OptionalBody;

/**
 * {@code POST /messages} ({@link OperatorReply}): an operator's reply; the sender and its name come
 * from the token, never from the body. {@code POST /messages/{id}/reanalyze}: an operator asks for
 * a message to be analysed again.
 */
@Path("messages")
@RequestScoped
public class MessageFacadeResource {

  @Inject Inbox inbox;

  /** 201 with the stored message, 200 for a repeated {@code client_message_id}. */
  @Operation(summary = "An operator's reply")
  @APIResponse(
      responseCode = "201",
      description = "stored",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "MessageView")))
  @APIResponse(
      responseCode = "200",
      description = "stored before under the same client_message_id",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "MessageView")))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Allowed({Roles.OPERATOR, Roles.ADMIN})
  public Response post(
      @RequestBody(
              content =
                  @Content(mediaType = "application/json", schema = @Schema(ref = "OperatorReply")))
          String text,
      @Context SecurityContext security) {
    OperatorReply reply = JsonBody.parse(text, OperatorReply.class).as(OperatorReply.class);
    Inbox.Stored<MessageView> stored = inbox.operatorReply(CallerPrincipal.of(security), reply);
    return Response.status(stored.created() ? 201 : 200).entity(stored.value()).build();
  }

  /**
   * Passed to messaging with the operator's own token, so that {@code ai.requested} names the
   * operator in {@code requested_by}; answers (202, errors) are messaging's. The body is optional,
   * as in messaging: none, empty or {@code {}}, and JSON when it is there.
   */
  @Operation(summary = "Analyse a message again")
  @APIResponse(
      responseCode = "202",
      description = "the message, its insight back to processing",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "MessageView")))
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @POST
  @Path("{id}/reanalyze")
  @Produces(MediaType.APPLICATION_JSON)
  @Allowed({Roles.OPERATOR, Roles.ADMIN})
  public Response reanalyze(
      @PathParam("id") String id,
      String text,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context HttpHeaders headers) {
    String body = OptionalBody.json(text, headers);
    return Upstream.relay(
        inbox.reanalyze(Upstream.bearerToken(authorization), JsonBody.uuid("id", id), body));
  }
}
