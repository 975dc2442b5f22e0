package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.gateway.application.Inbox;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.CallerPrincipal;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.OptionalBody;

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

  @Operation(
      summary = "A view of the inbox: conversations, newest activity first or by urgency",
      description =
          "view: mine (open, assigned to you), unassigned (open), open, pending, snoozed,"
              + " resolved or all; or, without view, status (open, pending, snoozed, resolved)."
              + " sort: activity (default) or urgency. Pass next_cursor back as cursor with the"
              + " same view and sort. Each row's unread is how many customer messages you have not"
              + " read.")
  @APIResponse(
      responseCode = "200",
      description = "a page",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "ConversationPage")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @GET
  public Response list(
      @QueryParam("view") String view,
      @QueryParam("status") String status,
      @QueryParam("sort") String sort,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor,
      @Context SecurityContext security) {
    return Upstream.relay(
        inbox.conversations(CallerPrincipal.of(security), view, status, sort, limit, cursor));
  }

  @Operation(
      summary = "How many conversations each view holds",
      description =
          "mine (open, assigned to you), unassigned (open), open, pending, snoozed, resolved;"
              + " unread: conversations of mine and unassigned with a customer message you have"
              + " not read; each counted up to cap (a count of cap means cap or more).")
  @APIResponse(
      responseCode = "200",
      description = "the counts",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "ConversationCounts")))
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @GET
  @Path("counts")
  public Response counts(@Context SecurityContext security) {
    return Upstream.relay(inbox.counts(CallerPrincipal.of(security)));
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

  @Operation(
      summary = "The customer's other conversations, newest activity first",
      description =
          "Conversations with the same customer email (any case), at most 20, in one page; none"
              + " without an email.")
  @APIResponse(
      responseCode = "200",
      description = "the other conversations",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "ConversationPage")))
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @GET
  @Path("{id}/related")
  public Response related(@PathParam("id") String id) {
    return Upstream.relay(inbox.relatedConversations(JsonBody.uuid("id", id)));
  }

  /**
   * {@code ConversationChange {status?, assignee?, snoozed_until?}}: the gateway checks that an
   * assignee is an active operator, messaging validates the rest.
   */
  @Operation(
      summary = "Change a conversation's status, assignee or snooze",
      description =
          "assignee: an active operator's user name (else 400), or null to unassign. status"
              + " snoozed needs snoozed_until, an instant in the future (at most 366 days);"
              + " the conversation is open again then, or when the customer writes.")
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

  /**
   * Passed to messaging with the operator's own token: the read position is the caller's. The body
   * ({@code ReadMark}) is optional: without it, up to the conversation's latest message.
   */
  @Operation(
      summary = "Mark a conversation read by you, up to a message or its latest",
      description =
          "Body optional: {message_id}, the latest message you have seen in the thread. The"
              + " position only moves forward; your other tabs and devices get conversation.read.")
  @APIResponse(
      responseCode = "200",
      description = "your read position",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "ReadPosition")))
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @PUT
  @Path("{id}/read")
  public Response markRead(
      @PathParam("id") String id,
      @RequestBody(
              required = false,
              content =
                  @Content(mediaType = "application/json", schema = @Schema(ref = "ReadMark")))
          String text,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context HttpHeaders headers) {
    return Upstream.relay(
        inbox.markRead(
            Upstream.bearerToken(authorization),
            JsonBody.uuid("id", id),
            OptionalBody.json(text, headers)));
  }
}
