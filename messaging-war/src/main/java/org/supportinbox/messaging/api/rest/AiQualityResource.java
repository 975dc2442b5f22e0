package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.AiQualityReport;
import org.supportinbox.messaging.application.FeedbackService;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.Texts;

/**
 * {@code GET /ai-quality}: how the AI suggestions fared with operators, for admins (their own
 * token, passed on by the gateway).
 */
@Path("ai-quality")
@RequestScoped
public class AiQualityResource {

  /** Without {@code from}: this long before {@code to}. */
  static final Duration DEFAULT_RANGE = Duration.ofDays(30);

  /** The longest range one report covers. */
  static final Duration MAX_RANGE = Duration.ofDays(366);

  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  @Inject FeedbackService feedback;

  /**
   * {@code from} inclusive (default: 30 days before {@code to}) and {@code to} exclusive (default:
   * now), RFC 3339 with an offset; at most 366 days apart.
   */
  @Operation(summary = "AI quality: acceptance per model, intent and day, the corrections (admins)")
  @Parameter(name = "from", in = ParameterIn.QUERY, description = "at or after, RFC 3339")
  @Parameter(name = "to", in = ParameterIn.QUERY, description = "before, RFC 3339")
  @APIResponse(
      responseCode = "200",
      description = "the figures",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "AiQualityReport")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Allowed(Roles.ADMIN)
  public AiQualityReport get(@QueryParam("from") String fromText, @QueryParam("to") String toText) {
    Instant to = instant("to", toText);
    if (to == null) {
      to = Instant.now();
    }
    Instant from = instant("from", fromText);
    if (from == null) {
      from = to.minus(DEFAULT_RANGE);
    }
    if (!to.isAfter(from)) {
      throw new InvalidInputException("to", "to must be later than from");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw new InvalidInputException("from", "from and to may be at most 366 days apart");
    }
    return feedback.quality(from, to);
  }

  private static Instant instant(String name, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = Texts.shortText(name, text, 64);
    Instant at;
    try {
      at = OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          name, name + " must be a date and time with an offset, such as 2026-01-31T00:00:00Z");
    }
    // PostgreSQL's timestamps end in the year 294276; no feedback is older than 1970.
    if (at.isBefore(Instant.EPOCH) || at.isAfter(LATEST)) {
      throw new InvalidInputException(name, name + " must be between 1970 and 9999");
    }
    return at;
  }
}
