package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
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
 * {@code PUT /ai-quality/corrections/{message_id}} ({@code AiCorrectionReview}): an admin approves
 * or rejects operators' correction of a message's intent, as a learned example of the embedded
 * classifier. Passed to messaging with the admin's own token (messaging checks the role again and
 * records the admin from it); its answers, errors included, are passed on as they are.
 */
@Path("ai-quality/corrections/{id}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AiCorrectionFacadeResource {

  @Inject Messaging messaging;

  @Operation(summary = "Approve or reject an intent correction as a learned example (admins)")
  @APIResponse(
      responseCode = "200",
      description = "the decision, stored",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "AiExample")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Allowed(Roles.ADMIN)
  public Response review(
      @PathParam("id") String id,
      @RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(ref = "AiCorrectionReview")))
          String body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return Upstream.relay(
        messaging.reviewCorrection(
            FeedbackFacadeResource.token(authorization), JsonBody.uuid("id", id), body));
  }
}
