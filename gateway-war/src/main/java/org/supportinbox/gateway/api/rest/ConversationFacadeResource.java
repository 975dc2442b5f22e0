package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.gateway.application.Inbox;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.JsonBody;

/**
 * Messaging's read model and conversation changes, for operators, on the gateway's origin. Answers
 * (errors included) are messaging's, status and body.
 */
@Path("conversations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Roles.OPERATOR, Roles.ADMIN})
public class ConversationFacadeResource {

  @Inject Inbox inbox;

  @Operation(summary = "The inbox: conversations, newest activity first")
  @APIResponse(
      responseCode = "200",
      description = "a page",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "ConversationPage")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @GET
  public Response list(
      @QueryParam("status") String status,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    return Upstream.relay(inbox.conversations(status, limit, cursor));
  }

  @Operation(summary = "One conversation with every message")
  @APIResponse(
      responseCode = "200",
      description = "the thread",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "ConversationView")))
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @GET
  @Path("{id}")
  public Response get(@PathParam("id") String id) {
    return Upstream.relay(inbox.conversation(JsonBody.uuid("id", id)));
  }

  /** {@code ConversationChange {status?, assignee?}}, validated by messaging. */
  @Operation(summary = "Change a conversation's status or assignee")
  @APIResponse(
      responseCode = "200",
      description = "the conversation's summary",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "ConversationSummary")))
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response patch(
      @PathParam("id") String id,
      @RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(ref = "ConversationChange")))
          String body) {
    return Upstream.relay(inbox.changeConversation(JsonBody.uuid("id", id), body));
  }
}
