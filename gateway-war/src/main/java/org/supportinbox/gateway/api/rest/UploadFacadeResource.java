package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.supportinbox.gateway.application.Inbox;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.Uploads;

/**
 * {@code POST /conversations/{id}/attachments}: an operator uploads a file (image or PDF) for a
 * reply or note not sent yet; the reply's {@code attachment_ids} then sends it. Passed to messaging
 * with the operator's own token (messaging records who uploaded). The customer's route is {@code
 * POST /customer/attachments} ({@link CustomerResource}).
 */
@Path("conversations/{id}/attachments")
@RequestScoped
public class UploadFacadeResource {

  @Inject Inbox inbox;

  @Operation(
      summary = "Upload a file for a reply (operators)",
      description =
          "The body is the file's bytes; X-Filename its name, percent-encoded UTF-8. Typed by"
              + " its bytes: PNG, JPEG, GIF, WebP or PDF (415 otherwise); at most"
              + " ATTACHMENT_MAX_BYTES (413). 201: {id, filename, content_type, size}, to send with"
              + " the reply's attachment_ids within an hour.")
  @APIResponse(
      responseCode = "201",
      description = "stored, waiting to be sent",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "AttachmentView")))
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "413", description = "the file is larger than ATTACHMENT_MAX_BYTES")
  @APIResponse(
      responseCode = "415",
      description = "the file's bytes are not an image (PNG, JPEG, GIF, WebP) or a PDF")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Allowed({Roles.OPERATOR, Roles.ADMIN})
  public Response upload(
      @PathParam("id") String id,
      @HeaderParam(Uploads.FILENAME_HEADER) String filename,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @RequestBody(content = @Content(mediaType = "application/octet-stream")) byte[] body) {
    return Upstream.relay(
        inbox.operatorUpload(
            Upstream.bearerToken(authorization),
            JsonBody.uuid("id", id),
            filename,
            contentType,
            body == null ? new byte[0] : body));
  }
}
