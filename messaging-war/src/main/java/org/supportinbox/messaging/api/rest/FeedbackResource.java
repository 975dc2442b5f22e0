package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.FeedbackAction;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.Sentiment;
import org.supportinbox.contracts.Urgency;
import org.supportinbox.contracts.rest.AiFeedback;
import org.supportinbox.contracts.rest.FeedbackView;
import org.supportinbox.messaging.application.FeedbackService;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.CallerPrincipal;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.JsonBody;

/**
 * {@code POST /messages/{id}/feedback}: what an operator did with the message's AI insight.
 * Operators and admins only, with their own token (the gateway passes it on): the operator is the
 * token's subject, never a field of the body. A class of its own beside {@link MessageResource}:
 * JAX-RS picks it for this path, as its template has more literal characters.
 */
@Path("messages/{id}/feedback")
@RequestScoped
public class FeedbackResource {

  @Inject FeedbackService feedback;

  /**
   * 200 with the feedback as stored; a later one of the same kind (reply, intent, sentiment,
   * urgency) by the same operator replaces it.
   */
  @Operation(summary = "Record what an operator did with a message's AI insight")
  @APIResponse(
      responseCode = "200",
      description = "stored (created or replacing the operator's earlier one of the same kind)",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "FeedbackView")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Allowed({Roles.OPERATOR, Roles.ADMIN})
  public FeedbackView post(
      @PathParam("id") String id,
      @RequestBody(
              content =
                  @Content(mediaType = "application/json", schema = @Schema(ref = "AiFeedback")))
          String text,
      @Context SecurityContext security) {
    java.util.UUID messageId = JsonBody.uuid("id", id);
    AiFeedback given = JsonBody.parse(text, AiFeedback.class).as(AiFeedback.class);
    FeedbackAction action = JsonBody.enumValue("action", FeedbackAction.class, given.action());
    Double ratio = given.editRatio();
    if (action == FeedbackAction.EDITED) {
      if (ratio == null) {
        throw new InvalidInputException("missing_field", "edit_ratio", "edit_ratio is required");
      }
      if (!(ratio > 0 && ratio <= 1)) {
        throw new InvalidInputException(
            "edit_ratio", "edit_ratio must be more than 0 and at most 1 (0 is action sent_as_is)");
      }
    } else if (ratio != null) {
      throw new InvalidInputException(
          "edit_ratio", "edit_ratio belongs to action edited only; leave it out");
    }
    String value = given.value();
    if (action.correction()) {
      if (value == null) {
        throw new InvalidInputException("missing_field", "value", "value is required");
      }
      value =
          switch (action) {
            case CORRECT_INTENT -> JsonBody.enumValue("value", Intent.class, value).wire();
            case CORRECT_SENTIMENT -> JsonBody.enumValue("value", Sentiment.class, value).wire();
            default -> JsonBody.enumValue("value", Urgency.class, value).wire();
          };
    } else if (value != null) {
      throw new InvalidInputException(
          "value", "value belongs to the correct_* actions only; leave it out");
    }
    return feedback.record(messageId, CallerPrincipal.of(security).subject(), action, ratio, value);
  }
}
