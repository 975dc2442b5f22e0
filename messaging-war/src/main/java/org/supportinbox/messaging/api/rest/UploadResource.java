package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Caller;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.Sender;
import org.supportinbox.contracts.rest.AttachmentView;
import org.supportinbox.messaging.application.AttachmentService;
import org.supportinbox.messaging.domain.Attachment;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.CallerPrincipal;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.Uploads;

/**
 * {@code POST /conversations/{id}/attachments}: a file for a chat message, uploaded before the
 * message that sends it ({@code attachment_ids} of {@code POST /messages}). The body is the file's
 * bytes as they are (any {@code Content-Type}: the type is read from the bytes), its name in {@code
 * X-Filename}, percent-encoded UTF-8 (JavaScript's {@code encodeURIComponent}). Operators upload as
 * {@code operator} only; the gateway's service token names the side in {@code sender} ({@code
 * customer} for the customer channel).
 */
@Path("conversations/{id}/attachments")
@RequestScoped
@Allowed({Roles.SERVICE, Roles.OPERATOR, Roles.ADMIN})
public class UploadResource {

  @Inject AttachmentService attachments;

  @Operation(
      summary = "Upload a file for a message not sent yet (images and PDF)",
      description =
          "201: the upload, waiting for the message that names it in attachment_ids (same"
              + " conversation, same sender) for up to an hour. The type is read from the bytes:"
              + " PNG, JPEG, GIF, WebP or PDF (415 otherwise, whatever the name says); at most"
              + " ATTACHMENT_MAX_BYTES (413); at most 10 uploads waiting per conversation and"
              + " sender (409).")
  @APIResponse(
      responseCode = "201",
      description = "stored, waiting to be sent",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "AttachmentView")))
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "413", description = "the file is larger than ATTACHMENT_MAX_BYTES")
  @APIResponse(
      responseCode = "415",
      description = "the file's bytes are not an image (PNG, JPEG, GIF, WebP) or a PDF")
  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response upload(
      @PathParam("id") String id,
      @QueryParam("sender") String sender,
      @HeaderParam(Uploads.FILENAME_HEADER) String encodedName,
      @RequestBody(content = @Content(mediaType = "application/octet-stream")) byte[] body,
      @Context SecurityContext security) {
    Caller caller = CallerPrincipal.of(security);
    Sender side;
    if (caller.hasRole(Roles.SERVICE)) {
      if (sender == null) {
        throw new InvalidInputException(
            "missing_field", "sender", "sender (customer or operator) is required");
      }
      side = JsonBody.enumValue("sender", Sender.class, sender);
    } else {
      if (sender != null && !Sender.OPERATOR.wire().equals(sender)) {
        throw new InvalidInputException(
            "sender", "an operator token can only upload as sender 'operator'");
      }
      side = Sender.OPERATOR;
    }
    Attachment.Upload u =
        attachments.upload(
            JsonBody.uuid("id", id),
            side,
            caller.subject(),
            Uploads.filename(encodedName),
            body == null ? new byte[0] : body);
    return Response.status(Response.Status.CREATED)
        .entity(new AttachmentView(u.id(), u.filename(), u.contentType(), u.size()))
        .build();
  }
}
