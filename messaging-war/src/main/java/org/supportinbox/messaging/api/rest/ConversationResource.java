package org.supportinbox.messaging.api.rest;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.ConversationStatus;
import org.supportinbox.contracts.rest.ConversationChange;
import org.supportinbox.contracts.rest.ConversationPage;
import org.supportinbox.contracts.rest.ConversationSummary;
import org.supportinbox.contracts.rest.ConversationView;
import org.supportinbox.messaging.application.ConversationPatch;
import org.supportinbox.messaging.application.ConversationService;
import org.supportinbox.messaging.application.Cursor;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.Texts;

/** The inbox read model (list and thread) and conversation status/assignee changes. */
@Path("conversations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Roles.SERVICE, Roles.OPERATOR, Roles.ADMIN})
public class ConversationResource {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  @Inject ConversationService conversations;

  @Operation(summary = "The inbox: conversations, newest activity first")
  @APIResponse(
      responseCode = "200",
      description = "a page",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "ConversationPage")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @GET
  public ConversationPage list(
      @QueryParam("status") String status,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    return conversations.list(
        status == null || status.isEmpty()
            ? null
            : JsonBody.enumValue("status", ConversationStatus.class, status),
        QueryParams.wholeNumber("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
        cursor == null || cursor.isEmpty() ? null : Cursor.decode(cursor));
  }

  @Operation(summary = "One conversation with every message")
  @APIResponse(
      responseCode = "200",
      description = "the thread",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "ConversationView")))
  @GET
  @Path("{id}")
  public ConversationView get(@PathParam("id") String id) {
    return conversations.get(JsonBody.uuid("id", id));
  }

  /** {@code {status?, assignee?}}; {@code "assignee": null} unassigns. */
  @Operation(summary = "Change a conversation's status or assignee")
  @APIResponse(
      responseCode = "200",
      description = "the conversation's summary",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "ConversationSummary")))
  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public ConversationSummary patch(
      @PathParam("id") String id,
      @RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(ref = "ConversationChange")))
          String text) {
    JsonBody body = JsonBody.parse(text, ConversationChange.class);
    if (!body.has("status") && !body.has("assignee")) {
      throw new InvalidInputException(
          "missing_field", null, "give status, assignee or both to change");
    }
    ConversationChange change = body.as(ConversationChange.class);
    if (body.has("status") && change.status() == null) {
      throw new InvalidInputException("status", "status cannot be null");
    }
    return conversations.patch(
        JsonBody.uuid("id", id),
        new ConversationPatch(
            change.status() == null
                ? null
                : JsonBody.enumValue("status", ConversationStatus.class, change.status()),
            body.has("assignee"),
            Texts.shortText("assignee", change.assignee(), 100)));
  }
}
