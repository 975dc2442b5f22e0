package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.AnswerPassagesDraft;
import org.supportinbox.contracts.rest.PassageSetView;
import org.supportinbox.messaging.application.PassageService;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.Texts;

/**
 * Past answers in the retrieval index (opt-in, {@code KB_PAST_ANSWERS} in the AI functions): the
 * indexer stores the passages of a resolved conversation's operator answers. Only the functions'
 * own tokens reach it, as for {@code /kb/passages}.
 */
@Path("kb/answers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Roles.AI_FUNCTION)
public class AnswerPassageResource {

  @Inject PassageService passages;

  /**
   * Replaces what the index holds of the conversation's answers with these passages: 404 {@code
   * conversation_not_found}, 409 naming {@code status} when it is not resolved; the passages keep
   * the rules of {@code PUT /kb/passages/{article_id}}.
   */
  @Operation(summary = "Store the passages of a resolved conversation's answers (AI functions)")
  @APIResponse(
      responseCode = "200",
      description = "stored",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "PassageSetView")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @PUT
  @Path("{conversation_id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public PassageSetView put(
      @PathParam("conversation_id") String conversationId,
      @RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(ref = "AnswerPassagesDraft")))
          String text) {
    AnswerPassagesDraft draft =
        JsonBody.parse(text, AnswerPassagesDraft.class).as(AnswerPassagesDraft.class);
    String model = Texts.shortText("model", draft.model(), PassageResource.MAX_MODEL);
    return passages.storeAnswers(
        JsonBody.uuid("conversation_id", conversationId),
        model,
        PassageResource.validated(draft.passages()));
  }
}
