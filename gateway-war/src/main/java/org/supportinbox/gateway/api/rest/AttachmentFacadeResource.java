package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.gateway.application.Inbox;
import org.supportinbox.gateway.application.Messaging;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.Downloads;
import org.supportinbox.platform.JsonBody;

/**
 * {@code GET /attachments/{id}}: a message's file for operators, from messaging, served as a
 * download only (module platform's {@link Downloads}). The customer's route is {@code GET
 * /customer/attachments/{id}} ({@link CustomerResource}).
 */
@Path("attachments")
@RequestScoped
public class AttachmentFacadeResource {

  @Inject Inbox inbox;

  @Operation(
      summary = "Download a message's file (operators)",
      description =
          "Content-Disposition: attachment; the stored type when it is safe (images, PDF, plain"
              + " text, ZIP), else application/octet-stream; a sandboxing Content-Security-Policy.")
  @APIResponse(
      responseCode = "200",
      description = "the file",
      content = @Content(mediaType = "application/octet-stream"))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @GET
  @Path("{id}")
  @Produces({MediaType.WILDCARD, MediaType.APPLICATION_JSON})
  @Allowed({Roles.OPERATOR, Roles.ADMIN})
  public Response download(@PathParam("id") String id) {
    Messaging.Download d = inbox.operatorAttachment(JsonBody.uuid("id", id));
    return Downloads.relay(d.bytes(), d.contentType(), d.disposition());
  }
}
