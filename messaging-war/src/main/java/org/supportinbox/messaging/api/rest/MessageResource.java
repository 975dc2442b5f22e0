package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Caller;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.Sender;
import org.supportinbox.contracts.rest.MessageContext;
import org.supportinbox.contracts.rest.NewMessage;
import org.supportinbox.messaging.application.InsightService;
import org.supportinbox.messaging.application.MessageService;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.CallerPrincipal;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.OptionalBody;
import org.supportinbox.platform.Texts;

/**
 * {@code POST /messages}: store a message, creating its conversation when a customer starts one.
 * {@code GET /messages/{id}/context}: a message with the messages before it. {@code POST
 * /messages/{id}/reanalyze}: ask for a message to be analysed again.
 */
@Path("messages")
@RequestScoped
public class MessageResource {

  static final int DEFAULT_CONTEXT = 6;
  static final int MAX_CONTEXT = 20;

  @Inject MessageService messages;

  @Inject InsightService insights;

  /**
   * 201 with the stored message, or 200 with the message stored earlier under the same {@code
   * client_message_id} in the same conversation. Operators (as opposed to the gateway's service
   * token) can only send as {@code operator}, and only under the name their token carries: a body
   * that names a sender is refused, so that nobody on messaging's port can store a reply signed
   * "Your bank - Fraud team".
   */
  @Operation(summary = "Store a message (a customer's first one starts its conversation)")
  @APIResponse(
      responseCode = "201",
      description = "stored",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "MessageView")))
  @APIResponse(
      responseCode = "200",
      description = "stored before under the same client_message_id",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "MessageView")))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Allowed({Roles.SERVICE, Roles.OPERATOR, Roles.ADMIN})
  public Response post(
      @RequestBody(
              content =
                  @Content(mediaType = "application/json", schema = @Schema(ref = "NewMessage")))
          String text,
      @Context SecurityContext security) {
    Caller caller = CallerPrincipal.of(security);
    JsonBody body = JsonBody.parse(text, NewMessage.class);
    NewMessage given = body.as(NewMessage.class);
    Sender sender = JsonBody.enumValue("sender", Sender.class, given.sender());
    String senderName = Texts.shortText("sender_name", given.senderName(), 200);
    if (!caller.hasRole(Roles.SERVICE)) {
      if (sender != Sender.OPERATOR) {
        throw new InvalidInputException(
            "sender", "an operator token can only send messages as sender 'operator'");
      }
      if (body.has("sender_name")) {
        throw new InvalidInputException(
            "sender_name",
            "sender_name comes from the token for operator tokens; leave it out of the body");
      }
      senderName = caller.name();
    }
    if (sender == Sender.OPERATOR && given.conversationId() == null) {
      throw new InvalidInputException(
          "missing_field",
          "conversation_id",
          "conversation_id is required for operator messages (only customers start conversations)");
    }
    if (Boolean.TRUE.equals(given.internal()) && sender != Sender.OPERATOR) {
      throw new InvalidInputException("internal", "only operators write notes (internal: true)");
    }
    String email = Texts.shortText("customer_email", given.customerEmail(), 254);
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
      throw new InvalidInputException("customer_email", "customer_email is not an email address");
    }
    MessageService.Posted posted =
        messages.post(
            new NewMessage(
                given.conversationId(),
                sender.wire(),
                senderName,
                email,
                Texts.content("content", given.content()),
                Texts.shortText("client_message_id", given.clientMessageId(), 100),
                given.internal(),
                attachmentIds(given.attachmentIds())));
    return Response.status(posted.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(posted.message())
        .build();
  }

  /** The ids as UUIDs (checked here, read by the service), at most {@code MAX_ATTACHMENTS}. */
  static java.util.List<String> attachmentIds(java.util.List<String> given) {
    if (given == null || given.isEmpty()) {
      return null;
    }
    if (given.size() > NewMessage.MAX_ATTACHMENTS) {
      throw new InvalidInputException(
          "attachment_ids", "at most " + NewMessage.MAX_ATTACHMENTS + " files per message");
    }
    return given.stream().map(id -> JsonBody.uuid("attachment_ids", id).toString()).toList();
  }

  /** 200 with the message and up to {@code limit} (0..20, default 6) earlier ones, oldest first. */
  @Operation(summary = "A message with the messages before it")
  @APIResponse(
      responseCode = "200",
      description = "the message and its context",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "MessageContext")))
  @GET
  @Path("{id}/context")
  @Produces(MediaType.APPLICATION_JSON)
  @Allowed({Roles.AI_FUNCTION, Roles.SERVICE, Roles.OPERATOR, Roles.ADMIN})
  public MessageContext context(@PathParam("id") String id, @QueryParam("limit") String limit) {
    UUID messageId = JsonBody.uuid("id", id);
    return messages.context(
        messageId, QueryParams.wholeNumber("limit", limit, DEFAULT_CONTEXT, 0, MAX_CONTEXT));
  }

  /**
   * 202 with the message, its insight back to {@code processing}; {@code ai.requested} is published
   * after commit. The body is optional ({@link OptionalBody}): none, empty, or {@code {}}.
   */
  @Operation(summary = "Analyse a message again")
  @APIResponse(
      responseCode = "202",
      description = "the message, its insight back to processing",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "MessageView")))
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @POST
  @Path("{id}/reanalyze")
  @Produces(MediaType.APPLICATION_JSON)
  @Allowed({Roles.SERVICE, Roles.OPERATOR, Roles.ADMIN})
  public Response reanalyze(
      @PathParam("id") String id,
      String text,
      @Context HttpHeaders headers,
      @Context SecurityContext security) {
    UUID messageId = JsonBody.uuid("id", id);
    String body = OptionalBody.json(text, headers);
    if (body != null) {
      JsonBody.parse(body, Set.of()); // {} or a 400 (unknown_field, malformed_json)
    }
    return Response.accepted(insights.reanalyze(messageId, CallerPrincipal.of(security).subject()))
        .build();
  }
}
