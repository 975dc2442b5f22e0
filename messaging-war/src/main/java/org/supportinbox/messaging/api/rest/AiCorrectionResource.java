package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.rest.AiCorrectionReview;
import org.supportinbox.contracts.rest.AiExample;
import org.supportinbox.messaging.application.ExampleService;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.CallerPrincipal;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.JsonBody;

/**
 * {@code PUT /ai-quality/corrections/{message_id}}: an admin approves or rejects operators'
 * correction of a message's intent (their own token, passed on by the gateway). The admin is the
 * token's subject.
 */
@Path("ai-quality/corrections/{id}")
@RequestScoped
public class AiCorrectionResource {

  static final List<String> STATUSES = List.of("approved", "rejected");

  @Inject ExampleService examples;

  /**
   * 200 with the decision as stored; a later decision on the same message and intent replaces it.
   */
  @Operation(summary = "Approve or reject an intent correction as a learned example (admins)")
  @APIResponse(
      responseCode = "200",
      description = "the decision, stored with its feed position",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "AiExample")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Allowed(Roles.ADMIN)
  public AiExample put(
      @PathParam("id") String id,
      @RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(ref = "AiCorrectionReview")))
          String text,
      @Context SecurityContext security) {
    UUID messageId = JsonBody.uuid("id", id);
    AiCorrectionReview review =
        JsonBody.parse(text, AiCorrectionReview.class).as(AiCorrectionReview.class);
    String intent = JsonBody.enumValue("intent", Intent.class, review.intent()).wire();
    if (!STATUSES.contains(review.status())) {
      throw new InvalidInputException("status", "status must be approved or rejected");
    }
    return examples.review(
        messageId, intent, review.status(), CallerPrincipal.of(security).subject());
  }
}
