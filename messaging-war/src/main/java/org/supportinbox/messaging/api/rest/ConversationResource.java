package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.ConversationStatus;
import org.supportinbox.contracts.rest.ConversationAnswers;
import org.supportinbox.contracts.rest.ConversationChange;
import org.supportinbox.contracts.rest.ConversationCounts;
import org.supportinbox.contracts.rest.ConversationPage;
import org.supportinbox.contracts.rest.ConversationSummary;
import org.supportinbox.contracts.rest.ConversationView;
import org.supportinbox.contracts.rest.CustomerReadPosition;
import org.supportinbox.contracts.rest.ReadMark;
import org.supportinbox.contracts.rest.ReadPosition;
import org.supportinbox.messaging.application.ConversationPatch;
import org.supportinbox.messaging.application.ConversationService;
import org.supportinbox.messaging.application.Cursor;
import org.supportinbox.messaging.application.EmailFallbackService;
import org.supportinbox.messaging.domain.ConversationRepository;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.CallerPrincipal;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.OptionalBody;
import org.supportinbox.platform.Texts;

/** The inbox read model (list and thread) and conversation status/assignee changes. */
@Path("conversations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Roles.SERVICE, Roles.OPERATOR, Roles.ADMIN})
public class ConversationResource {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  /** Counts stop here: "10000" reads "10,000 or more", and a count costs the same at any size. */
  static final long COUNT_CAP = 10_000;

  /** The longest snooze: a year (and a day, so that "in a year" is allowed). */
  static final Duration MAX_SNOOZE = Duration.ofDays(366);

  @Inject org.supportinbox.messaging.application.PassageService answerPassages;

  @Inject ConversationService conversations;

  @Inject EmailFallbackService fallbacks;

  @Operation(
      summary = "A view of the inbox: conversations, newest activity first or by urgency",
      description =
          "status narrows to one status; assignee to one operator's, unassigned=true to those"
              + " without one (not both); sort is activity (default) or urgency (high, normal,"
              + " low, none, then newest activity). Keyset-paged: pass next_cursor back as cursor"
              + " with the same filters and sort. With reader (an operator's username), each row"
              + " has unread: the customer messages after that operator's read position.")
  @APIResponse(
      responseCode = "200",
      description = "a page",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "ConversationPage")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @GET
  public ConversationPage list(
      @QueryParam("status") String status,
      @QueryParam("assignee") String assignee,
      @QueryParam("unassigned") String unassigned,
      @QueryParam("sort") String sort,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor,
      @QueryParam("reader") String reader) {
    return conversations.list(
        view(status, assignee, unassigned, sort),
        QueryParams.wholeNumber("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
        blank(cursor) ? null : Cursor.decode(cursor),
        blank(reader) ? null : Texts.shortText("reader", reader, 100));
  }

  @Operation(
      summary = "How many conversations each view holds, each counted up to a cap",
      description =
          "mine (open and assigned to assignee; null without assignee), unassigned (open),"
              + " open, pending, snoozed, resolved; unread: conversations of mine and unassigned"
              + " with a customer message assignee has not read (null without assignee); a count"
              + " of cap means cap or more.")
  @APIResponse(
      responseCode = "200",
      description = "the counts",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "ConversationCounts")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @GET
  @Path("counts")
  public ConversationCounts counts(@QueryParam("assignee") String assignee) {
    return conversations.counts(
        blank(assignee) ? null : Texts.shortText("assignee", assignee, 100), COUNT_CAP);
  }

  private static ConversationRepository.View view(
      String status, String assignee, String unassigned, String sort) {
    boolean none = QueryParams.bool("unassigned", unassigned);
    if (none && !blank(assignee)) {
      throw new InvalidInputException("unassigned", "give assignee or unassigned=true, not both");
    }
    boolean byUrgency = false;
    if (!blank(sort)) {
      switch (sort) {
        case "activity" -> byUrgency = false;
        case "urgency" -> byUrgency = true;
        default ->
            throw new InvalidInputException(
                "sort", "sort must be one of activity|urgency, not '" + sort + "'");
      }
    }
    return new ConversationRepository.View(
        blank(status) ? null : JsonBody.enumValue("status", ConversationStatus.class, status),
        blank(assignee) ? null : Texts.shortText("assignee", assignee, 100),
        none,
        byUrgency);
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }

  /** At most this many of a customer's other conversations. */
  static final int MAX_RELATED = 20;

  @Operation(
      summary = "The customer's other conversations (the same email), newest activity first",
      description =
          "At most limit (1..20, default 20), in one page (next_cursor is null); none when the"
              + " conversation has no customer email.")
  @APIResponse(
      responseCode = "200",
      description = "the other conversations",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "ConversationPage")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @GET
  @Path("{id}/related")
  public ConversationPage related(@PathParam("id") String id, @QueryParam("limit") String limit) {
    return conversations.related(
        JsonBody.uuid("id", id),
        QueryParams.wholeNumber("limit", limit, MAX_RELATED, 1, MAX_RELATED));
  }

  @Operation(summary = "One conversation with every message")
  @APIResponse(
      responseCode = "200",
      description = "the thread",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "ConversationView")))
  @GET
  @Path("{id}")
  public ConversationView get(@PathParam("id") String id) {
    return conversations.get(JsonBody.uuid("id", id));
  }

  /**
   * {@code {status?, assignee?, snoozed_until?}}; {@code "assignee": null} unassigns; {@code
   * "status": "snoozed"} needs {@code snoozed_until}.
   */
  @Operation(summary = "Change a conversation's status or assignee")
  @APIResponse(
      responseCode = "200",
      description = "the conversation's summary",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "ConversationSummary")))
  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public ConversationSummary patch(
      @PathParam("id") String id,
      @RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(ref = "ConversationChange")))
          String text) {
    JsonBody body = JsonBody.parse(text, ConversationChange.class);
    if (!body.has("status") && !body.has("assignee")) {
      throw new InvalidInputException(
          "missing_field", null, "give status, assignee or both to change");
    }
    ConversationChange change = body.as(ConversationChange.class);
    if (body.has("status") && change.status() == null) {
      throw new InvalidInputException("status", "status cannot be null");
    }
    ConversationStatus status =
        change.status() == null
            ? null
            : JsonBody.enumValue("status", ConversationStatus.class, change.status());
    Instant snoozedUntil = null;
    if (status == ConversationStatus.SNOOZED) {
      snoozedUntil = snoozedUntil(change.snoozedUntil());
    } else if (body.has("snoozed_until")) {
      throw new InvalidInputException(
          "snoozed_until", "snoozed_until goes with the status snoozed only");
    }
    return conversations.patch(
        JsonBody.uuid("id", id),
        new ConversationPatch(
            status,
            body.has("assignee"),
            Texts.shortText("assignee", change.assignee(), 100),
            snoozedUntil));
  }

  /**
   * What the AI functions' indexer reads of a conversation for past answers (opt-in): its status, a
   * title and the operators' replies, never a note. Only the functions' own tokens.
   */
  @Operation(summary = "A conversation's operator answers (AI functions' indexer)")
  @APIResponse(
      responseCode = "200",
      description = "the answers",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "ConversationAnswers")))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @GET
  @Path("{id}/answers")
  @Allowed(Roles.AI_FUNCTION)
  public ConversationAnswers answers(@PathParam("id") String id) {
    return answerPassages.answers(JsonBody.uuid("id", id));
  }

  /**
   * The caller's own read position (the body is optional, {@link OptionalBody}): only operators and
   * admins have one (the gateway passes the operator's token on), and the reader is the token's
   * subject, never a field of the body.
   */
  @Operation(
      summary = "Mark a conversation read by the caller, up to a message or its latest",
      description =
          "Body optional: {message_id} of a message of this conversation. The position only moves"
              + " forward; when it moves, conversation.read tells the operator's other tabs.")
  @APIResponse(
      responseCode = "200",
      description = "the caller's read position",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "ReadPosition")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @PUT
  @Path("{id}/read")
  @Allowed({Roles.OPERATOR, Roles.ADMIN})
  public ReadPosition markRead(
      @PathParam("id") String id,
      @RequestBody(
              required = false,
              content =
                  @Content(mediaType = "application/json", schema = @Schema(ref = "ReadMark")))
          String text,
      @Context HttpHeaders headers,
      @Context SecurityContext security) {
    UUID conversation = JsonBody.uuid("id", id);
    String body = OptionalBody.json(text, headers);
    UUID messageId =
        body == null ? null : JsonBody.parse(body, ReadMark.class).as(ReadMark.class).messageId();
    return conversations.markRead(conversation, CallerPrincipal.of(security).subject(), messageId);
  }

  /**
   * The customer's read position (the gateway, for a customer token of this conversation; the body
   * is optional, {@link OptionalBody}): no email fallback is sent for what the customer has read.
   */
  @Operation(
      summary = "Mark a conversation read by its customer, up to a message or its latest (gateway)",
      description =
          "Body optional: {message_id} of a message of this conversation the customer sees (not a"
              + " note: 404 like an unknown one). The position only moves forward; the email"
              + " fallbacks of replies up to it that are not being sent become not_needed.")
  @APIResponse(
      responseCode = "200",
      description = "the customer's read position",
      content =
          @Content(mediaType = "application/json", schema = @Schema(ref = "CustomerReadPosition")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @PUT
  @Path("{id}/customer-read")
  @Allowed(Roles.SERVICE)
  public CustomerReadPosition customerRead(
      @PathParam("id") String id,
      @RequestBody(
              required = false,
              content =
                  @Content(mediaType = "application/json", schema = @Schema(ref = "ReadMark")))
          String text,
      @Context HttpHeaders headers) {
    UUID conversation = JsonBody.uuid("id", id);
    String body = OptionalBody.json(text, headers);
    UUID messageId =
        body == null ? null : JsonBody.parse(body, ReadMark.class).as(ReadMark.class).messageId();
    return fallbacks.customerRead(conversation, messageId);
  }

  /** An instant in the future, at most {@link #MAX_SNOOZE} away. */
  private static Instant snoozedUntil(String text) {
    if (text == null) {
      throw new InvalidInputException(
          "missing_field", "snoozed_until", "snoozing needs snoozed_until (an instant)");
    }
    Instant until;
    try {
      until = Instant.parse(text).truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          "snoozed_until",
          "snoozed_until must be an ISO-8601 instant such as 2026-12-01T09:00:00Z");
    }
    Instant now = Instant.now();
    if (!until.isAfter(now)) {
      throw new InvalidInputException("snoozed_until", "snoozed_until must be in the future");
    }
    if (until.isAfter(now.plus(MAX_SNOOZE))) {
      throw new InvalidInputException(
          "snoozed_until", "snoozed_until must be at most 366 days ahead");
    }
    return until;
  }
}
