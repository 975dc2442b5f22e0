package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.KbPassage;
import org.supportinbox.contracts.rest.PassagePage;
import org.supportinbox.contracts.rest.PassageSetDraft;
import org.supportinbox.contracts.rest.PassageSetView;
import org.supportinbox.messaging.application.PassageService;
import org.supportinbox.messaging.domain.PassageSet;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.Texts;

/**
 * The knowledge base's retrieval index (docs/ai.md#retrieval): the AI functions' indexer stores the
 * passages and embeddings of an article's version, and every analyzing replica reads what changed
 * since it last asked. Only the AI functions' own tokens (role {@code ai_function}) reach it: the
 * vectors are of no use to people, and operators change the index only by changing articles.
 */
@Path("kb/passages")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Roles.AI_FUNCTION)
public class PassageResource {

  static final int MAX_PASSAGES = 1_000;
  static final int MAX_TEXT = 4_000;
  static final int MAX_MODEL = 200;

  /** Floats per vector at most (the shipped model has 384). */
  static final int MAX_DIMENSIONS = 4_096;

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  @Inject PassageService passages;

  /**
   * Replaces what the index holds of the article with these passages of its version {@code
   * article_version}: 404 {@code article_not_found} when it does not exist, 409 naming {@code
   * article_version} when it is at another version (a newer {@code article.changed} follows).
   * Passages come in order, {@code ordinal} 0, 1, 2, ...; every embedding has the same number of
   * finite floats.
   */
  @Operation(summary = "Store the passages of an article version (AI functions' indexer)")
  @APIResponse(
      responseCode = "200",
      description = "stored",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "PassageSetView")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @PUT
  @Path("{article_id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public PassageSetView put(
      @PathParam("article_id") String articleId,
      @RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(ref = "PassageSetDraft")))
          String text) {
    PassageSetDraft draft = JsonBody.parse(text, PassageSetDraft.class).as(PassageSetDraft.class);
    if (draft.articleVersion() < 1) {
      throw new InvalidInputException("article_version", "article_version must be 1 or more");
    }
    String model = Texts.shortText("model", draft.model(), MAX_MODEL);
    List<PassageSet.Stored> stored = validated(draft.passages());
    return passages.store(
        JsonBody.uuid("article_id", articleId), draft.articleVersion(), model, stored);
  }

  /**
   * The sets changed after revision {@code after} (default 0: all), in revision order, at most
   * {@code limit} (1..100, default 20) per page; a tombstone ({@code deleted}) for each deleted
   * article. A reader keeps the page's {@code revision} and asks after it next.
   */
  @Operation(summary = "What changed in the index after a revision (AI functions)")
  @APIResponse(
      responseCode = "200",
      description = "one page of changed sets",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "PassagePage")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @GET
  public PassagePage after(@QueryParam("after") String after, @QueryParam("limit") String limit) {
    return passages.after(
        revision(after), QueryParams.wholeNumber("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
  }

  /**
   * The passages once they keep the rules: at most {@value #MAX_PASSAGES}, in order ({@code
   * ordinal} 0, 1, ...), each text 1 to {@value #MAX_TEXT} characters, each embedding base64 of 1
   * to {@value #MAX_DIMENSIONS} finite little-endian floats, all of one length.
   */
  static List<PassageSet.Stored> validated(List<KbPassage> given) {
    if (given.size() > MAX_PASSAGES) {
      throw new InvalidInputException(
          "passages", "at most " + MAX_PASSAGES + " passages per article");
    }
    List<PassageSet.Stored> stored = new ArrayList<>(given.size());
    int dimensions = -1;
    for (int i = 0; i < given.size(); i++) {
      KbPassage p = given.get(i);
      if (p == null) {
        throw new InvalidInputException("passages", "passages[" + i + "] must be an object");
      }
      if (p.ordinal() != i) {
        throw new InvalidInputException(
            "passages", "passages[" + i + "] has ordinal " + p.ordinal() + "; expected " + i);
      }
      String body = Texts.text("passages[" + i + "].text", p.text(), MAX_TEXT);
      if (body.isEmpty()) {
        throw new InvalidInputException("passages", "passages[" + i + "].text must not be empty");
      }
      byte[] vector = vector(i, p.embedding());
      if (dimensions >= 0 && vector.length / 4 != dimensions) {
        throw new InvalidInputException(
            "passages",
            "passages["
                + i
                + "].embedding has "
                + vector.length / 4
                + " floats; the others have "
                + dimensions);
      }
      dimensions = vector.length / 4;
      stored.add(new PassageSet.Stored(i, body, vector));
    }
    return stored;
  }

  private static long revision(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      long value = Long.parseLong(text.strip());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException("after", "after must be a revision: a whole number, 0 or more");
  }

  /** The embedding's bytes, once they are base64 of 1..4096 finite floats. */
  private static byte[] vector(int i, String base64) {
    String field = "passages[" + i + "].embedding";
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("passages", field + " must be base64: " + e.getMessage());
    }
    if (bytes.length == 0 || bytes.length % 4 != 0 || bytes.length / 4 > MAX_DIMENSIONS) {
      throw new InvalidInputException(
          "passages",
          field
              + " must hold 1 to "
              + MAX_DIMENSIONS
              + " floats of 4 bytes; it has "
              + bytes.length
              + " bytes");
    }
    ByteBuffer floats = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    while (floats.hasRemaining()) {
      if (!Float.isFinite(floats.getFloat())) {
        throw new InvalidInputException("passages", field + " holds a NaN or infinite float");
      }
    }
    return bytes;
  }
}
