package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.ConversationStart;
import org.supportinbox.contracts.rest.CustomerConversationView;
import org.supportinbox.contracts.rest.CustomerMessage;
import org.supportinbox.contracts.rest.CustomerMessageView;
import org.supportinbox.contracts.rest.CustomerStart;
import org.supportinbox.contracts.rest.CustomerToken;
import org.supportinbox.gateway.application.Inbox;
import org.supportinbox.gateway.application.Messaging;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.CallerPrincipal;
import org.supportinbox.platform.Downloads;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.OptionalBody;
import org.supportinbox.platform.Public;
import org.supportinbox.platform.Uploads;

/**
 * The customer channel. A customer starts a conversation without a token and gets one (role {@code
 * customer}, claim {@code conversation_id}) that reaches that conversation only; everything it gets
 * of a message is contracts' {@link CustomerMessageView}: no AI insight, nothing internal.
 */
@Path("customer")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

  @Inject Inbox inbox;

  @Inject ClientAddresses clients;

  /** 201 {@link CustomerStart}, or 200 for a replayed start ({@link Inbox#startConversation}). */
  @Operation(summary = "Start a conversation and get a customer token for it")
  @SecurityRequirementsSet({})
  @APIResponse(
      responseCode = "201",
      description = "started",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "CustomerStart")))
  @APIResponse(
      responseCode = "200",
      description = "the same start again, within the replay window",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "CustomerStart")))
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "429", ref = "TooManyRequests")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @POST
  @Path("conversations")
  @Public
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(
      @RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(ref = "ConversationStart")))
          String text,
      @Context HttpServletRequest request) {
    ConversationStart start =
        JsonBody.parse(text, ConversationStart.class).as(ConversationStart.class);
    Inbox.Stored<CustomerStart> started = inbox.startConversation(start, clients.of(request));
    return Response.status(started.created() ? 201 : 200).entity(started.value()).build();
  }

  /** A message into the token's own conversation. */
  @Operation(summary = "Write into the customer's own conversation")
  @APIResponse(
      responseCode = "201",
      description = "stored",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "CustomerMessageView")))
  @APIResponse(
      responseCode = "200",
      description = "stored before under the same client_message_id",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "CustomerMessageView")))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "429", ref = "TooManyRequests")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @POST
  @Path("messages")
  @Allowed(Roles.CUSTOMER)
  @Consumes(MediaType.APPLICATION_JSON)
  public Response post(
      @RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(ref = "CustomerMessage")))
          String text,
      @Context SecurityContext security,
      @Context HttpServletRequest request) {
    CustomerMessage message = JsonBody.parse(text, CustomerMessage.class).as(CustomerMessage.class);
    Inbox.Stored<CustomerMessageView> stored =
        inbox.customerMessage(CallerPrincipal.of(security), message, clients.of(request));
    return Response.status(stored.created() ? 201 : 200).entity(stored.value()).build();
  }

  /**
   * A file (image or PDF) for a message not sent yet, into the token's own conversation; the
   * message's {@code attachment_ids} then sends it. Limited like messages.
   */
  @Operation(
      summary = "Upload a file for a message into the customer's own conversation",
      description =
          "The body is the file's bytes; X-Filename its name, percent-encoded UTF-8. Typed by"
              + " its bytes: PNG, JPEG, GIF, WebP or PDF (415 otherwise); at most"
              + " ATTACHMENT_MAX_BYTES (413). 201: {id, filename, content_type, size}, to send with"
              + " the message's attachment_ids within an hour.")
  @APIResponse(
      responseCode = "201",
      description = "stored, waiting to be sent",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "AttachmentView")))
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "413", description = "the file is larger than ATTACHMENT_MAX_BYTES")
  @APIResponse(
      responseCode = "415",
      description = "the file's bytes are not an image (PNG, JPEG, GIF, WebP) or a PDF")
  @APIResponse(responseCode = "429", ref = "TooManyRequests")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @POST
  @Path("attachments")
  @Allowed(Roles.CUSTOMER)
  @Consumes(MediaType.WILDCARD)
  public Response upload(
      @HeaderParam(Uploads.FILENAME_HEADER) String filename,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @RequestBody(content = @Content(mediaType = "application/octet-stream")) byte[] body,
      @Context SecurityContext security,
      @Context HttpServletRequest request) {
    return Upstream.relay(
        inbox.customerUpload(
            CallerPrincipal.of(security),
            filename,
            contentType,
            body == null ? new byte[0] : body,
            clients.of(request)));
  }

  /**
   * A fresh token for the same conversation (the widget renews before expiry); a token of an ended
   * chat is refused by the bearer filter like any other call.
   */
  @Operation(summary = "Renew the customer token: the same conversation, a full lifetime")
  @APIResponse(
      responseCode = "200",
      description = "the new token",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "CustomerToken")))
  @POST
  @Path("token")
  @Allowed(Roles.CUSTOMER)
  @Produces(MediaType.APPLICATION_JSON)
  public CustomerToken renew(@Context SecurityContext security) {
    return inbox.renewCustomerToken(CallerPrincipal.of(security));
  }

  /**
   * The customer has seen their conversation up to a message or its latest (the chat page calls it
   * while operator replies are on screen): no email fallback is sent for what they read. The body
   * ({@code ReadMark}) is optional.
   */
  @Operation(summary = "Mark your conversation read, up to a message or its latest")
  @APIResponse(
      responseCode = "200",
      description = "your read position",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "CustomerReadPosition")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "429", ref = "TooManyRequests")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @POST
  @Path("read")
  @Allowed(Roles.CUSTOMER)
  public Response read(
      @RequestBody(
              required = false,
              content =
                  @Content(mediaType = "application/json", schema = @Schema(ref = "ReadMark")))
          String text,
      @Context HttpHeaders headers,
      @Context SecurityContext security) {
    return Upstream.relay(
        inbox.customerRead(CallerPrincipal.of(security), OptionalBody.json(text, headers)));
  }

  /** The customer's own conversation, without AI insights or internal fields. */
  @Operation(summary = "Read the customer's own conversation")
  @APIResponse(
      responseCode = "200",
      description = "the conversation as its customer sees it",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(ref = "CustomerConversationView")))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @GET
  @Path("conversation")
  @Allowed(Roles.CUSTOMER)
  public CustomerConversationView conversation(@Context SecurityContext security) {
    return inbox.customerConversation(CallerPrincipal.of(security));
  }

  /**
   * A file of the customer's own conversation (not of an operators' note): served as a download
   * only ({@link Downloads}); a file of another conversation is the same 404 as an unknown id.
   */
  @Operation(summary = "Download a file of the customer's own conversation")
  @APIResponse(
      responseCode = "200",
      description = "the file",
      content = @Content(mediaType = "application/octet-stream"))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @GET
  @Path("attachments/{id}")
  @Allowed(Roles.CUSTOMER)
  @Produces({MediaType.WILDCARD, MediaType.APPLICATION_JSON})
  public Response attachment(@PathParam("id") String id, @Context SecurityContext security) {
    Messaging.Download d =
        inbox.customerAttachment(CallerPrincipal.of(security), JsonBody.uuid("id", id));
    return Downloads.relay(d.bytes(), d.contentType(), d.disposition());
  }
}
