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
import java.util.Set;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.ConversationStatus;
import org.supportinbox.contracts.rest.ConversationPage;
import org.supportinbox.contracts.rest.ConversationSummary;
import org.supportinbox.contracts.rest.ConversationView;
import org.supportinbox.messaging.application.ConversationPatch;
import org.supportinbox.messaging.application.ConversationService;
import org.supportinbox.messaging.application.Cursor;
import org.supportinbox.web.Allowed;
import org.supportinbox.web.InvalidInputException;
import org.supportinbox.web.JsonBody;
import org.supportinbox.web.Texts;

/** The inbox read model (list and thread) and conversation status/assignee changes. */
@Path("conversations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Roles.SERVICE, Roles.OPERATOR, Roles.ADMIN})
public class ConversationResource {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  @Inject ConversationService conversations;

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

  @GET
  @Path("{id}")
  public ConversationView get(@PathParam("id") String id) {
    return conversations.get(JsonBody.uuid("id", id));
  }

  /** {@code {status?, assignee?}}; {@code "assignee": null} unassigns. */
  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public ConversationSummary patch(@PathParam("id") String id, String text) {
    JsonBody body = JsonBody.parse(text, Set.of("status", "assignee"));
    if (!body.has("status") && !body.has("assignee")) {
      throw new InvalidInputException(
          "missing_field", null, "give status, assignee or both to change");
    }
    if (body.has("status") && body.string("status") == null) {
      throw new InvalidInputException("status", "status cannot be null");
    }
    return conversations.patch(
        JsonBody.uuid("id", id),
        new ConversationPatch(
            body.enumValue("status", ConversationStatus.class),
            body.has("assignee"),
            Texts.shortText("assignee", body.string("assignee"), 100)));
  }
}
