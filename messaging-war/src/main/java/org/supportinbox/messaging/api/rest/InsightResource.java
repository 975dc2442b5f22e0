package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.AiStatus;
import org.supportinbox.messaging.application.InsightService;
import org.supportinbox.messaging.domain.InsightReport;
import org.supportinbox.web.Allowed;
import org.supportinbox.web.JsonBody;
import org.supportinbox.web.Texts;

/**
 * {@code POST /ai-insights}: AI functions report an insight. Only their own tokens ({@code
 * ai_function}, signed with {@code AI_FUNCTION_SECRET}) may: not the gateway's service token, not
 * operators.
 */
@Path("ai-insights")
@RequestScoped
public class InsightResource {

  static final Set<String> FIELDS =
      Set.of(
          "message_id",
          "conversation_id",
          "status",
          "intent",
          "summary",
          "suggested_reply",
          "sentiment",
          "urgency",
          "model",
          "attempts",
          "error",
          "latency_ms");

  @Inject InsightService insights;

  /** 201 when this report created the insight, 200 when it updated (or kept) it. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Allowed(Roles.AI_FUNCTION)
  public Response post(String text) {
    JsonBody body = JsonBody.parse(text, FIELDS);
    Long attempts = body.integer("attempts", 0, 1_000);
    InsightReport report =
        new InsightReport(
            body.requiredUuid("message_id"),
            body.requiredUuid("conversation_id"),
            body.requiredEnum("status", AiStatus.class),
            body.string("intent"),
            Texts.text("summary", body.string("summary"), 2_000),
            Texts.text("suggested_reply", body.string("suggested_reply"), Texts.MAX_CONTENT),
            body.string("sentiment"),
            body.string("urgency"),
            Texts.shortText("model", body.string("model"), 200),
            attempts == null ? 0 : attempts.intValue(),
            Texts.text("error", body.string("error"), 2_000),
            body.integer("latency_ms", 0, 86_400_000L));
    InsightService.Stored stored = insights.upsert(report);
    return Response.status(stored.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(stored.insight())
        .build();
  }
}
