package org.supportinbox.messaging.api.rest;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.contracts.rest.ErrorBody;
import org.supportinbox.messaging.application.FeedbackService;
import org.supportinbox.messaging.config.MessagingConfig;
import org.supportinbox.messaging.domain.FeedbackRepository;
import org.supportinbox.platform.Errors;
import org.supportinbox.platform.Public;

/**
 * {@code GET /ai-quality/metrics}: the AI quality figures for Prometheus, counted from the feedback
 * table at each scrape (what operators did with the suggestions, by the insight's model, intent and
 * language; Prometheus keeps them over time). A scraper's call, not a user's: no JWT, but {@code
 * Authorization: Bearer <METRICS_TOKEN>}, compared in constant time; {@code 403} while no token is
 * set, {@code 401} for any other header. Not {@code /metrics}: Payara Micro keeps that path for its
 * own metrics, which post-boot-commands.asadmin turns off (it answers 403 then).
 */
@Path("ai-quality/metrics")
@RequestScoped
public class MetricsResource {

  private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

  @Inject FeedbackService feedback;

  @Inject MessagingConfig config;

  @Operation(summary = "AI quality metrics, Prometheus text format (Bearer METRICS_TOKEN)")
  @APIResponse(
      responseCode = "200",
      description = "the metrics",
      content = @Content(mediaType = "text/plain"))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @GET
  @Public
  public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization)
      throws IOException {
    Optional<String> token = config.metricsToken();
    if (token.isEmpty()) {
      return Errors.response(
          Response.Status.FORBIDDEN,
          new ErrorBody("forbidden", "metrics are off: set METRICS_TOKEN to turn them on", null));
    }
    byte[] expected = ("Bearer " + token.get()).getBytes(StandardCharsets.UTF_8);
    if (authorization == null
        || !MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8))) {
      return Response.fromResponse(
              Errors.response(
                  Response.Status.UNAUTHORIZED,
                  new ErrorBody(
                      "unauthorized", "send Authorization: Bearer <METRICS_TOKEN>", null)))
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"support-inbox\"")
          .build();
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    WRITER.write(text, scrape());
    return Response.ok(text.toByteArray(), WRITER.getContentType()).build();
  }

  /** A registry of this scrape's figures only: a group whose feedback is gone is gone too. */
  private io.prometheus.metrics.model.snapshots.MetricSnapshots scrape() {
    PrometheusRegistry registry = new PrometheusRegistry();
    Gauge count =
        Gauge.builder()
            .name("inbox_ai_feedback")
            .help(
                "Feedback on AI insights recorded now, by the insight's model, intent and language"
                    + " and the operator's action")
            .labelNames("model", "intent", "language", "action")
            .register(registry);
    Gauge editRatio =
        Gauge.builder()
            .name("inbox_ai_feedback_edit_ratio_sum")
            .help(
                "Sum of the edit ratios of suggested replies edited then sent (divide by"
                    + " inbox_ai_feedback{action=\"edited\"} for the mean)")
            .labelNames("model", "intent", "language")
            .register(registry);
    for (FeedbackRepository.Tally t : feedback.tallies()) {
      count.labelValues(t.model(), t.intent(), t.language(), t.action()).set(t.count());
      if (t.action().equals("edited")) {
        editRatio.labelValues(t.model(), t.intent(), t.language()).set(t.editRatioSum());
      }
    }
    return registry.scrape();
  }
}
