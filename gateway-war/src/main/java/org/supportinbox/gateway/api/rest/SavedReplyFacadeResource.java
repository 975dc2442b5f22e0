package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.SavedReplyView;
import org.supportinbox.gateway.application.Messaging;
import org.supportinbox.gateway.application.SavedReplies;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.CallerPrincipal;
import org.supportinbox.platform.JsonBody;

/**
 * The team's saved replies, for operators: list, add, change; admins also delete. Each call is
 * passed to messaging with the operator's own token, so messaging checks the role too and takes the
 * author from the token (a body naming one is refused there as an unknown field); answers, errors
 * included, are messaging's.
 */
@Path("saved-replies")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Roles.OPERATOR, Roles.ADMIN})
public class SavedReplyFacadeResource {

  @Inject SavedReplies replies;

  @Operation(summary = "The saved replies, by title; q filters on title and shortcut")
  @APIResponse(
      responseCode = "200",
      description = "the replies",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(type = SchemaType.ARRAY, implementation = SavedReplyView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @GET
  public Response list(
      @QueryParam("q") String q, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return Upstream.relay(replies.list(Upstream.bearerToken(authorization), q));
  }

  /** {@code SavedReplyDraft}, validated by messaging; 409 naming {@code shortcut} when taken. */
  @Operation(summary = "Add a saved reply")
  @APIResponse(
      responseCode = "201",
      description = "the reply",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "SavedReplyView")))
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(ref = "SavedReplyDraft")))
          String body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return Upstream.relay(replies.create(Upstream.bearerToken(authorization), body));
  }

  /** {@code SavedReplyChange}, validated by messaging. */
  @Operation(summary = "Change a saved reply")
  @APIResponse(
      responseCode = "200",
      description = "the reply",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "SavedReplyView")))
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response change(
      @PathParam("id") String id,
      @RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(ref = "SavedReplyChange")))
          String body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return Upstream.relay(
        replies.change(Upstream.bearerToken(authorization), JsonBody.uuid("id", id), body));
  }

  /** Admins only (messaging checks it too); an audit entry once messaging deleted it. */
  @Operation(summary = "Delete a saved reply (admins)")
  @APIResponse(responseCode = "204", description = "deleted")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @DELETE
  @Path("{id}")
  @Allowed(Roles.ADMIN)
  public Response delete(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context SecurityContext security) {
    Messaging.Answer answer =
        replies.delete(
            Upstream.bearerToken(authorization),
            CallerPrincipal.of(security),
            JsonBody.uuid("id", id));
    return answer.status() == 204 ? Response.noContent().build() : Upstream.relay(answer);
  }
}
