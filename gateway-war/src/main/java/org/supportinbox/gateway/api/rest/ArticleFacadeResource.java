package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.ArticleView;
import org.supportinbox.gateway.application.KnowledgeBase;
import org.supportinbox.gateway.application.Messaging;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.CallerPrincipal;
import org.supportinbox.platform.JsonBody;

/**
 * The knowledge base's articles, for operators: list, read, add, create-or-replace by id; admins
 * also delete. Each call is passed to messaging with the operator's own token, so messaging checks
 * the role too and takes the author from the token; answers, errors included, are messaging's.
 */
@Path("kb/articles")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Roles.OPERATOR, Roles.ADMIN})
public class ArticleFacadeResource {

  @Inject KnowledgeBase articles;

  @Operation(
      summary = "The articles of the knowledge base, by title",
      description =
          "q filters on the title (any case), tag on one tag; limit 1..100 (default 50) from"
              + " offset (default 0): a page shorter than limit is the last.")
  @APIResponse(
      responseCode = "200",
      description = "the articles",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(type = SchemaType.ARRAY, implementation = ArticleView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @GET
  public Response list(
      @QueryParam("q") String q,
      @QueryParam("tag") String tag,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("q", q);
    parameters.put("tag", tag);
    parameters.put("limit", limit);
    parameters.put("offset", offset);
    return Upstream.relay(articles.list(token(authorization), parameters));
  }

  @Operation(summary = "One article")
  @APIResponse(
      responseCode = "200",
      description = "the article",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "ArticleView")))
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @GET
  @Path("{id}")
  public Response get(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return Upstream.relay(articles.get(token(authorization), JsonBody.uuid("id", id)));
  }

  /** {@code ArticleDraft} without {@code version}, validated by messaging. */
  @Operation(summary = "Add an article")
  @APIResponse(
      responseCode = "201",
      description = "the article",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "ArticleView")))
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @RequestBody(
              content =
                  @Content(mediaType = "application/json", schema = @Schema(ref = "ArticleDraft")))
          String body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return Upstream.relay(articles.create(token(authorization), body));
  }

  /** {@code ArticleDraft}, validated by messaging: 201 created, 200 replaced or unchanged. */
  @Operation(summary = "Create or replace the article with this id (an import is idempotent)")
  @APIResponse(
      responseCode = "200",
      description = "replaced (or unchanged: the same values)",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "ArticleView")))
  @APIResponse(
      responseCode = "201",
      description = "created",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "ArticleView")))
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response put(
      @PathParam("id") String id,
      @RequestBody(
              content =
                  @Content(mediaType = "application/json", schema = @Schema(ref = "ArticleDraft")))
          String body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return Upstream.relay(articles.put(token(authorization), JsonBody.uuid("id", id), body));
  }

  /** Admins only (messaging checks it too); an audit entry once messaging deleted it. */
  @Operation(summary = "Delete an article (admins)")
  @APIResponse(responseCode = "204", description = "deleted")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @DELETE
  @Path("{id}")
  @Allowed(Roles.ADMIN)
  public Response delete(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context SecurityContext security) {
    Messaging.Answer answer =
        articles.delete(
            token(authorization), CallerPrincipal.of(security), JsonBody.uuid("id", id));
    return answer.status() == 204 ? Response.noContent().build() : Upstream.relay(answer);
  }

  /** The auth filter accepted this header: "Bearer <token>", the scheme in any case. */
  private static String token(String authorization) {
    return authorization.substring("Bearer ".length()).strip();
  }
}
