package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.SavedReplyChange;
import org.supportinbox.contracts.rest.SavedReplyDraft;
import org.supportinbox.contracts.rest.SavedReplyView;
import org.supportinbox.messaging.application.SavedReplyService;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.CallerPrincipal;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.Texts;

/**
 * The team's library of saved replies. Operators and admins list, read, create and change them;
 * only admins delete. The callers are people, not the gateway: the gateway passes each call on with
 * the operator's own token, so that the role is checked here too and the author is the token's
 * {@code name}, never a field of the body (the gateway's {@code service} token gets 403).
 */
@Path("saved-replies")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Roles.OPERATOR, Roles.ADMIN})
public class SavedReplyResource {

  static final int MAX_TITLE = 100;
  static final int MAX_BODY = 5_000;
  static final int MAX_QUERY = 100;

  /** What a shortcut may be; the table checks the same. */
  static final Pattern SHORTCUT = Pattern.compile("[a-z0-9_-]{1,32}");

  @Inject SavedReplyService replies;

  /**
   * {@code q}: only replies whose title or shortcut contains it, in any case (blank: all); at most
   * 100 characters, one line.
   */
  @Operation(summary = "The saved replies, by title")
  @APIResponse(
      responseCode = "200",
      description = "the replies",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(type = SchemaType.ARRAY, implementation = SavedReplyView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @GET
  public List<SavedReplyView> list(@QueryParam("q") String q) {
    return replies.list(q == null || q.isBlank() ? null : Texts.shortText("q", q, MAX_QUERY));
  }

  @Operation(summary = "One saved reply")
  @APIResponse(
      responseCode = "200",
      description = "the reply",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "SavedReplyView")))
  @GET
  @Path("{id}")
  public SavedReplyView get(@PathParam("id") String id) {
    return replies.get(JsonBody.uuid("id", id));
  }

  /** {@link SavedReplyDraft}; 409 naming {@code shortcut} when another reply has it. */
  @Operation(summary = "Add a saved reply")
  @APIResponse(
      responseCode = "201",
      description = "the reply",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "SavedReplyView")))
  @APIResponse(responseCode = "409", ref = "Conflict")
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(ref = "SavedReplyDraft")))
          String text,
      @Context SecurityContext security) {
    SavedReplyDraft given = JsonBody.parse(text, SavedReplyDraft.class).as(SavedReplyDraft.class);
    SavedReplyDraft draft =
        new SavedReplyDraft(title(given.title()), shortcut(given.shortcut()), body(given.body()));
    return Response.status(Response.Status.CREATED)
        .entity(replies.create(draft, CallerPrincipal.of(security).name()))
        .build();
  }

  /** {@link SavedReplyChange}: the fields given change, the others stay; none may be null. */
  @Operation(summary = "Change a saved reply")
  @APIResponse(
      responseCode = "200",
      description = "the reply",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "SavedReplyView")))
  @APIResponse(responseCode = "409", ref = "Conflict")
  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public SavedReplyView change(
      @PathParam("id") String id,
      @RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(ref = "SavedReplyChange")))
          String text,
      @Context SecurityContext security) {
    UUID replyId = JsonBody.uuid("id", id);
    JsonBody body = JsonBody.parse(text, SavedReplyChange.class);
    if (body.isEmpty()) {
      throw new InvalidInputException(
          "missing_field", null, "give title, shortcut or body to change");
    }
    SavedReplyChange given = body.as(SavedReplyChange.class);
    for (String field : List.of("title", "shortcut", "body")) {
      if (body.has(field) && body.string(field) == null) {
        throw new InvalidInputException(
            field, field + " cannot be null; leave it out to keep it as it is");
      }
    }
    SavedReplyChange change =
        new SavedReplyChange(
            given.title() == null ? null : title(given.title()),
            given.shortcut() == null ? null : shortcut(given.shortcut()),
            given.body() == null ? null : body(given.body()));
    return replies.change(replyId, change, CallerPrincipal.of(security).name());
  }

  /** Admins only: operators may write the library but not shrink it. */
  @Operation(summary = "Delete a saved reply (admins)")
  @APIResponse(responseCode = "204", description = "deleted")
  @DELETE
  @Path("{id}")
  @Allowed(Roles.ADMIN)
  public Response delete(@PathParam("id") String id) {
    replies.delete(JsonBody.uuid("id", id));
    return Response.noContent().build();
  }

  private static String title(String raw) {
    return Texts.shortText("title", raw, MAX_TITLE);
  }

  /**
   * Taken as written, never lower-cased here: {@code Refund} is refused rather than stored as
   * another shortcut than the one the operator typed (the UI lower-cases as it is typed).
   */
  private static String shortcut(String raw) {
    String value = raw.strip();
    if (!SHORTCUT.matcher(value).matches()) {
      throw new InvalidInputException(
          "shortcut", "shortcut must be 1..32 of a-z, 0-9, '-' and '_' (lower case, no spaces)");
    }
    return value;
  }

  private static String body(String raw) {
    String value = Texts.text("body", raw, MAX_BODY);
    if (value.isEmpty()) {
      throw new InvalidInputException("body", "body must not be empty or only white space");
    }
    return value;
  }
}
