package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.gateway.application.Messaging;
import org.supportinbox.platform.Allowed;

/**
 * {@code GET /ai-quality?from=&to=}: how the AI suggestions fared with operators; admins only.
 * Passed to messaging, which computes the figures, with the admin's own token (messaging checks the
 * role again); its answers, errors included, are passed on as they are.
 */
@Path("ai-quality")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AiQualityFacadeResource {

  @Inject Messaging messaging;

  @Operation(summary = "AI quality: acceptance per model, intent and day, the corrections (admins)")
  @Parameter(name = "from", in = ParameterIn.QUERY, description = "at or after, RFC 3339")
  @Parameter(name = "to", in = ParameterIn.QUERY, description = "before, RFC 3339")
  @APIResponse(
      responseCode = "200",
      description = "the figures",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "AiQualityReport")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @GET
  @Allowed(Roles.ADMIN)
  public Response quality(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return Upstream.relay(
        messaging.aiQuality(FeedbackFacadeResource.token(authorization), from, to));
  }
}
