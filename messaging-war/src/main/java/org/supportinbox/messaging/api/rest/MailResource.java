package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.DeliveryReport;
import org.supportinbox.contracts.rest.EmailDeliveryView;
import org.supportinbox.contracts.rest.InboundAttachment;
import org.supportinbox.contracts.rest.InboundEmail;
import org.supportinbox.contracts.rest.OutboundEmail;
import org.supportinbox.messaging.application.AttachmentFiles;
import org.supportinbox.messaging.application.AttachmentService;
import org.supportinbox.messaging.application.MailService;
import org.supportinbox.messaging.application.MessageService;
import org.supportinbox.messaging.config.MessagingConfig;
import org.supportinbox.messaging.domain.Attachment;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.CallerPrincipal;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.OptionalBody;
import org.supportinbox.platform.Texts;
import org.supportinbox.platform.TooLargeException;

/**
 * The email channel, for the mail function only (its own tokens, role {@code mail_function}, signed
 * with {@code MAIL_FUNCTION_SECRET}: not the gateway, not operators, not the AI functions). {@code
 * POST /email/inbound}: a mail read from the support mailbox. {@code POST
 * /email/deliveries/{message_id}/claim} and {@code .../report}: sending a reply's mail; {@code GET
 * .../attachments/{id}}: the reply's files for it.
 */
@Path("email")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Roles.MAIL_FUNCTION)
public class MailResource {

  /** RFC 5322's line limit: no header, Message-ID included, is longer. */
  static final int MAX_MAIL_ID = 998;

  /** Most ids of {@code in_reply_to} and {@code references} each. */
  static final int MAX_REFERENCES = 100;

  /** An addr-spec as far as this system needs it: no white space, no angle brackets, one '@'. */
  private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+");

  private static final Pattern MAIL_ID = Pattern.compile("[^\\s<>]+");

  private static final Pattern TOKEN = Pattern.compile("[a-z0-9]{12}");

  @Inject MailService mail;

  @Inject AttachmentService attachments;

  @Inject MessagingConfig config;

  @Operation(
      summary = "Store a mail read from the support mailbox (mail function)",
      description =
          "201: stored as a customer message, in the email conversation it answers (References,"
              + " In-Reply-To, then the token, from the conversation's customer address only) or"
              + " in a new one. 200: a mail with this message_id was stored before; that message.")
  @APIResponse(
      responseCode = "201",
      description = "stored",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "MessageView")))
  @APIResponse(
      responseCode = "200",
      description = "stored before under the same message_id",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "MessageView")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @POST
  @Path("inbound")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response inbound(
      @RequestBody(
              content =
                  @Content(mediaType = "application/json", schema = @Schema(ref = "InboundEmail")))
          String text) {
    InboundEmail given = JsonBody.parse(text, InboundEmail.class).as(InboundEmail.class);
    String token = Texts.shortText("token", given.token(), 12);
    if (token != null && !TOKEN.matcher(token).matches()) {
      throw new InvalidInputException("token", "token must be 12 lower-case letters or digits");
    }
    String from = Texts.shortText("from_address", given.fromAddress(), 254);
    if (!ADDRESS.matcher(from).matches()) {
      throw new InvalidInputException("from_address", "from_address is not an email address");
    }
    MessageService.Posted posted =
        mail.receive(
            new InboundEmail(
                mailId("message_id", given.messageId()),
                mailIds("in_reply_to", given.inReplyTo()),
                mailIds("references", given.references()),
                token,
                from,
                Texts.shortText("from_name", given.fromName(), 200),
                given.subject() == null
                    ? ""
                    : Texts.text("subject", given.subject(), MAX_MAIL_ID).replaceAll("\\s+", " "),
                Texts.content("content", given.content()),
                null),
            files(given.attachments()));
    return Response.status(posted.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(posted.message())
        .build();
  }

  /**
   * The body is optional ({@link OptionalBody}): none, empty, or {@code {}}. The worker is the
   * token's subject.
   */
  @Operation(
      summary = "Claim a reply's mail for sending (mail function)",
      description =
          "granted: the caller holds it (status sending) for lease_seconds or until it reports;"
              + " false when it is sent or failed already, or another replica holds it.")
  @APIResponse(
      responseCode = "200",
      description = "the mail and the claim",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "OutboundEmail")))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @POST
  @Path("deliveries/{id}/claim")
  public OutboundEmail claim(
      @PathParam("id") String id,
      String text,
      @Context HttpHeaders headers,
      @Context SecurityContext security) {
    String body = OptionalBody.json(text, headers);
    if (body != null) {
      JsonBody.parse(body, Set.of());
    }
    return mail.claim(JsonBody.uuid("id", id), CallerPrincipal.of(security).subject());
  }

  @Operation(
      summary = "Report how sending a reply's mail went (mail function)",
      description =
          "sent (from any replica while not settled), retry or failed (from the holder of the"
              + " claim only: 409 otherwise); a settled delivery stays as it is.")
  @APIResponse(
      responseCode = "200",
      description = "the delivery",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "EmailDeliveryView")))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @POST
  @Path("deliveries/{id}/report")
  @Consumes(MediaType.APPLICATION_JSON)
  public EmailDeliveryView report(
      @PathParam("id") String id,
      @RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(ref = "DeliveryReport")))
          String text,
      @Context SecurityContext security) {
    DeliveryReport given = JsonBody.parse(text, DeliveryReport.class).as(DeliveryReport.class);
    String outcome = given.outcome();
    if (!List.of(DeliveryReport.SENT, DeliveryReport.RETRY, DeliveryReport.FAILED)
        .contains(outcome)) {
      throw new InvalidInputException("outcome", "outcome must be one of sent|retry|failed");
    }
    String emailMessageId =
        given.emailMessageId() == null ? null : mailId("email_message_id", given.emailMessageId());
    if (emailMessageId != null && !DeliveryReport.SENT.equals(outcome)) {
      throw new InvalidInputException(
          "email_message_id", "email_message_id goes with the outcome sent only");
    }
    return mail.report(
        JsonBody.uuid("id", id),
        CallerPrincipal.of(security).subject(),
        new DeliveryReport(outcome, Texts.text("error", given.error(), 2_000), emailMessageId));
  }

  /**
   * A file of the reply {@code id}, for its mail: only a file of that message (404 otherwise), its
   * bytes as they are stored, typed {@code application/octet-stream} (the claim's {@code
   * attachments} say the type).
   */
  @Operation(summary = "A file of a reply, for its mail (mail function)")
  @APIResponse(
      responseCode = "200",
      description = "the file's bytes",
      content = @Content(mediaType = "application/octet-stream"))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @GET
  @Path("deliveries/{id}/attachments/{attachment_id}")
  @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
  public Response attachment(
      @PathParam("id") String id, @PathParam("attachment_id") String attachmentId) {
    AttachmentService.Download d =
        attachments.ofMessage(
            JsonBody.uuid("id", id), JsonBody.uuid("attachment_id", attachmentId));
    return Response.ok(d.content(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
        .header("Cache-Control", "no-store")
        .build();
  }

  /**
   * The mail's files, decoded, typed by their bytes and with harmless names. Over a limit (count,
   * one file, all together) is {@code 413 payload_too_large} naming {@code attachments}: the mail
   * function drops what is over before it sends, so only a caller that does not is refused.
   */
  private List<Attachment.New> files(List<InboundAttachment> given) {
    if (given == null || given.isEmpty()) {
      return List.of();
    }
    if (given.size() > InboundAttachment.MAX_COUNT) {
      throw new TooLargeException(
          "attachments", "at most " + InboundAttachment.MAX_COUNT + " attachments per mail");
    }
    List<Attachment.New> files = new ArrayList<>(given.size());
    long total = 0;
    for (int i = 0; i < given.size(); i++) {
      InboundAttachment a = given.get(i);
      if (a == null || a.contentBase64() == null) {
        throw new InvalidInputException(
            "attachments", "attachment " + i + " has no content_base64");
      }
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(a.contentBase64());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(
            "attachments", "attachment " + i + "'s content_base64 is not base64");
      }
      if (bytes.length > config.attachmentMaxBytes()) {
        throw new TooLargeException(
            "attachments",
            "attachment " + i + " is larger than " + config.attachmentMaxBytes() + " bytes");
      }
      total += bytes.length;
      if (total > InboundAttachment.MAX_TOTAL_BYTES) {
        throw new TooLargeException(
            "attachments",
            "the attachments are larger than " + InboundAttachment.MAX_TOTAL_BYTES + " bytes");
      }
      files.add(
          new Attachment.New(
              AttachmentFiles.filename(a.filename(), "attachment-" + (i + 1)),
              AttachmentFiles.sniff(bytes),
              bytes));
    }
    return List.copyOf(files);
  }

  private static String mailId(String field, String raw) {
    String id = Texts.shortText(field, raw, MAX_MAIL_ID);
    if (id == null || !MAIL_ID.matcher(id).matches()) {
      throw new InvalidInputException(
          field, field + " must be a Message-ID without angle brackets or white space");
    }
    return id;
  }

  private static List<String> mailIds(String field, List<String> raw) {
    if (raw == null) {
      return List.of();
    }
    if (raw.size() > MAX_REFERENCES) {
      throw new InvalidInputException(field, field + " has more than " + MAX_REFERENCES + " ids");
    }
    List<String> ids = new ArrayList<>(raw.size());
    for (String id : raw) {
      ids.add(mailId(field, id));
    }
    return List.copyOf(ids);
  }
}
