package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.AiExamplePage;
import org.supportinbox.messaging.application.ExampleService;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.InvalidInputException;

/**
 * {@code GET /ai/examples?after=N&limit=M}: the admins' decisions on intent corrections after feed
 * position {@code N}, for the AI functions (their own token, role {@code ai_function}), which add
 * the approved ones to the embedded classifier's examples and drop the rejected ones.
 */
@Path("ai/examples")
@RequestScoped
public class AiExampleResource {

  static final int DEFAULT_LIMIT = 200;

  static final int MAX_LIMIT = 1_000;

  @Inject ExampleService examples;

  @Operation(summary = "Reviewed intent corrections after a feed position (AI functions)")
  @Parameter(name = "after", in = ParameterIn.QUERY, description = "feed position, default 0")
  @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1 to 1000, default 200")
  @APIResponse(
      responseCode = "200",
      description = "the decisions, oldest first",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "AiExamplePage")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Allowed(Roles.AI_FUNCTION)
  public AiExamplePage get(@QueryParam("after") String after, @QueryParam("limit") String limit) {
    return examples.after(
        position(after), QueryParams.wholeNumber("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
  }

  private static long position(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    try {
      long n = Long.parseLong(text);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, like a negative number
    }
    throw new InvalidInputException(
        "after", "after must be a feed position (a whole number, 0 or more), not '" + text + "'");
  }
}
