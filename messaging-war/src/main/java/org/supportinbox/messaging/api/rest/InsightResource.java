package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.InsightReport;
import org.supportinbox.messaging.application.InsightService;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.Texts;

/**
 * {@code POST /ai-insights}: AI functions report an insight. Only their own tokens ({@code
 * ai_function}, signed with {@code AI_FUNCTION_SECRET}) may: not the gateway's service token, not
 * operators.
 */
@Path("ai-insights")
@RequestScoped
public class InsightResource {

  static final int MAX_ATTEMPTS = 1_000;

  /** A day: no analysis takes longer. */
  static final long MAX_LATENCY_MS = 86_400_000L;

  @Inject InsightService insights;

  /** 201 when this report created the insight, 200 when it updated (or kept) it. */
  @Operation(summary = "Report a message's insight (AI functions)")
  @APIResponse(
      responseCode = "201",
      description = "the insight, created",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "AiInsightView")))
  @APIResponse(
      responseCode = "200",
      description = "the insight, updated or kept",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "AiInsightView")))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Allowed(Roles.AI_FUNCTION)
  public Response post(
      @RequestBody(
              content =
                  @Content(mediaType = "application/json", schema = @Schema(ref = "InsightReport")))
          String text) {
    InsightReport given = JsonBody.parse(text, InsightReport.class).as(InsightReport.class);
    if (given.attempts() > MAX_ATTEMPTS) {
      throw new InvalidInputException("attempts", "attempts must be at most " + MAX_ATTEMPTS);
    }
    if (given.latencyMs() != null && given.latencyMs() > MAX_LATENCY_MS) {
      throw new InvalidInputException("latency_ms", "latency_ms must be at most " + MAX_LATENCY_MS);
    }
    // The vocabularies and what each status needs: the domain's rules (InsightRules).
    InsightReport report =
        new InsightReport(
            given.messageId(),
            given.conversationId(),
            given.status(),
            given.intent(),
            Texts.text("summary", given.summary(), 2_000),
            Texts.text("suggested_reply", given.suggestedReply(), Texts.MAX_CONTENT),
            given.sentiment(),
            given.urgency(),
            Texts.shortText("model", given.model(), 200),
            given.attempts(),
            Texts.text("error", given.error(), 2_000),
            given.latencyMs(),
            given.language(),
            given.sources(),
            given.replyBasis(),
            Texts.text("conversation_summary", given.conversationSummary(), 1_000));
    InsightService.Stored stored = insights.upsert(report);
    return Response.status(stored.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(stored.insight())
        .build();
  }
}
