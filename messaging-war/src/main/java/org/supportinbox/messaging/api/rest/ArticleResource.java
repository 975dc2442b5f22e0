package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.ArticleDraft;
import org.supportinbox.contracts.rest.ArticleView;
import org.supportinbox.messaging.application.ArticleService;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.CallerPrincipal;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.Texts;

/**
 * The knowledge base's articles. Operators and admins list, read, create and replace them; only
 * admins delete, as for saved replies: operators write the team's knowledge but do not shrink it.
 * The callers are people, not the gateway: the gateway passes each call on with the operator's own
 * token, so that the role is checked here too and the author is the token's {@code name}, never a
 * field of the body (the gateway's {@code service} token gets 403).
 */
@Path("kb/articles")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Roles.OPERATOR, Roles.ADMIN})
public class ArticleResource {

  static final int MAX_TITLE = 200;
  static final int MAX_BODY = 50_000;
  static final int MAX_TAGS = 20;
  static final int MAX_TAG = 40;
  static final int MAX_QUERY = 200;
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 100;
  static final int MAX_OFFSET = 1_000_000;

  /** ISO 639-1: the two-letter codes Java knows. */
  private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

  @Inject ArticleService articles;

  /**
   * By title in any case, then id. {@code q}: only articles whose title contains it, in any case
   * (blank: all), at most 200 characters, one line; {@code tag}: only those with this tag (any
   * case); {@code limit} 1..100 (default 50) from {@code offset} (default 0): a page shorter than
   * {@code limit} is the last.
   */
  @Operation(summary = "The articles of the knowledge base, by title")
  @APIResponse(
      responseCode = "200",
      description = "the articles",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(type = SchemaType.ARRAY, implementation = ArticleView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @GET
  public List<ArticleView> list(
      @QueryParam("q") String q,
      @QueryParam("tag") String tag,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    return articles.list(
        q == null || q.isBlank() ? null : Texts.shortText("q", q, MAX_QUERY),
        tag == null || tag.isBlank() ? null : tag("tag", tag),
        QueryParams.wholeNumber("offset", offset, 0, 0, MAX_OFFSET),
        QueryParams.wholeNumber("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
  }

  @Operation(summary = "One article")
  @APIResponse(
      responseCode = "200",
      description = "the article",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "ArticleView")))
  @GET
  @Path("{id}")
  // The AI functions' indexer reads the article it cuts into passages (and nothing else here).
  @Allowed({Roles.OPERATOR, Roles.ADMIN, Roles.AI_FUNCTION})
  public ArticleView get(@PathParam("id") String id) {
    return articles.get(JsonBody.uuid("id", id));
  }

  /** {@link ArticleDraft} without {@code version}; the server chooses the id. */
  @Operation(summary = "Add an article")
  @APIResponse(
      responseCode = "201",
      description = "the article",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "ArticleView")))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @RequestBody(
              content =
                  @Content(mediaType = "application/json", schema = @Schema(ref = "ArticleDraft")))
          String text,
      @Context SecurityContext security) {
    ArticleDraft draft = draft(text);
    if (draft.version() != null) {
      throw new InvalidInputException(
          "version", "version is for PUT /kb/articles/{id} only: a new article has none yet");
    }
    ArticleView created = articles.create(draft, CallerPrincipal.of(security).name());
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  /**
   * Creates the article with this id (201) or replaces all its values (200): an import sends the
   * same file twice without doubling anything. With {@code version}, 409 naming it when the stored
   * article has another version.
   */
  @Operation(summary = "Create or replace the article with this id")
  @APIResponse(
      responseCode = "200",
      description = "replaced (or unchanged: the same values)",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "ArticleView")))
  @APIResponse(
      responseCode = "201",
      description = "created",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "ArticleView")))
  @APIResponse(responseCode = "409", ref = "Conflict")
  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response put(
      @PathParam("id") String id,
      @RequestBody(
              content =
                  @Content(mediaType = "application/json", schema = @Schema(ref = "ArticleDraft")))
          String text,
      @Context SecurityContext security) {
    UUID articleId = JsonBody.uuid("id", id);
    ArticleDraft draft = draft(text);
    if (draft.version() != null && draft.version() < 1) {
      throw new InvalidInputException("version", "version must be 1 or more");
    }
    ArticleService.Put put = articles.put(articleId, draft, CallerPrincipal.of(security).name());
    return Response.status(put.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(put.article())
        .build();
  }

  /** Admins only: operators may write the knowledge base but not shrink it. */
  @Operation(summary = "Delete an article (admins)")
  @APIResponse(responseCode = "204", description = "deleted")
  @DELETE
  @Path("{id}")
  @Allowed(Roles.ADMIN)
  public Response delete(@PathParam("id") String id) {
    articles.delete(JsonBody.uuid("id", id));
    return Response.noContent().build();
  }

  /** The body, every value checked and normalised; nothing is stored before all passed. */
  private static ArticleDraft draft(String text) {
    ArticleDraft given = JsonBody.parse(text, ArticleDraft.class).as(ArticleDraft.class);
    String title = Texts.shortText("title", given.title(), MAX_TITLE);
    String body = Texts.text("body", given.body(), MAX_BODY);
    if (body.isEmpty()) {
      throw new InvalidInputException("body", "body must not be empty or only white space");
    }
    return new ArticleDraft(
        title, body, tags(given.tags()), language(given.language()), given.version());
  }

  /** Lower case, trimmed, duplicates dropped (the first kept), at most 20 of 1..40 characters. */
  private static List<String> tags(List<String> raw) {
    if (raw == null) {
      return List.of();
    }
    List<String> tags = new ArrayList<>();
    for (String t : raw) {
      String tag = tag("tags", t);
      if (!tags.contains(tag)) {
        tags.add(tag);
      }
    }
    if (tags.size() > MAX_TAGS) {
      throw new InvalidInputException(
          "tags",
          "tags has " + tags.size() + " different tags; at most " + MAX_TAGS + " are allowed");
    }
    return List.copyOf(tags);
  }

  private static String tag(String field, String raw) {
    return Texts.shortText(field, raw, MAX_TAG).toLowerCase(Locale.ROOT);
  }

  /** Null stays null (unknown); otherwise an ISO 639-1 code, in any case, stored in lower case. */
  private static String language(String raw) {
    if (raw == null) {
      return null;
    }
    String code = raw.strip().toLowerCase(Locale.ROOT);
    if (!code.matches("[a-z]{2}") || !LANGUAGES.contains(code)) {
      throw new InvalidInputException(
          "language", "language must be an ISO 639-1 code such as en, de or fr, not '" + raw + "'");
    }
    return code;
  }
}
