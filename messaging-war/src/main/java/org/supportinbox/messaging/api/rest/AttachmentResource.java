package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.messaging.application.AttachmentService;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.Downloads;
import org.supportinbox.platform.JsonBody;

/**
 * {@code GET /attachments/{id}}: a message's file, as a download (module platform's {@link
 * Downloads}: {@code Content-Disposition: attachment}, a safe type or {@code
 * application/octet-stream}, a sandboxing policy). The gateway calls it for operators, and for a
 * customer with {@code conversation_id} set to the customer token's conversation.
 */
@Path("attachments")
@RequestScoped
@Allowed({Roles.SERVICE, Roles.OPERATOR, Roles.ADMIN})
public class AttachmentResource {

  @Inject AttachmentService attachments;

  @Operation(
      summary = "Download a message's file",
      description =
          "conversation_id (the gateway's customer route): only a file of that conversation and"
              + " not of an operators' note; anything else is the same 404 as an unknown id.")
  @APIResponse(
      responseCode = "200",
      description = "the file, Content-Disposition: attachment",
      content = @Content(mediaType = "application/octet-stream"))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @GET
  @Path("{id}")
  @Produces({MediaType.WILDCARD, MediaType.APPLICATION_JSON})
  public Response download(
      @PathParam("id") String id, @QueryParam("conversation_id") String conversationId) {
    UUID conversation =
        conversationId == null ? null : JsonBody.uuid("conversation_id", conversationId);
    AttachmentService.Download d = attachments.download(JsonBody.uuid("id", id), conversation);
    return Downloads.of(d.content(), d.attachment().filename(), d.attachment().contentType());
  }
}
