package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.ConversationStatus;
import org.supportinbox.contracts.Intent;
import org.supportinbox.contracts.Urgency;
import org.supportinbox.contracts.rest.SearchPage;
import org.supportinbox.messaging.application.Cursor;
import org.supportinbox.messaging.application.SearchService;
import org.supportinbox.messaging.domain.SearchRepository;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.Texts;

/** Operators' full-text search over messages, notes, AI summaries and customers. */
@Path("search")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Roles.SERVICE, Roles.OPERATOR, Roles.ADMIN})
public class SearchResource {

  static final int MAX_QUERY_LENGTH = 200;

  @Inject SearchService search;

  @Operation(
      summary = "Full-text search, newest hit first",
      description =
          "q in web-search syntax: words (all must match), \"a phrase\", or, -word. Words match as"
              + " written and by their English stem. status, assignee, intent and urgency narrow"
              + " to conversations that have them now (intent and urgency: of the latest customer"
              + " message); from (inclusive) and to (exclusive) bound the hit's time, each an"
              + " ISO-8601 instant or a date (a date in to includes that whole day, UTC).")
  @APIResponse(
      responseCode = "200",
      description = "a page of hits",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "SearchPage")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @GET
  public SearchPage find(
      @QueryParam("q") String q,
      @QueryParam("status") String status,
      @QueryParam("assignee") String assignee,
      @QueryParam("intent") String intent,
      @QueryParam("urgency") String urgency,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    Instant fromAt = time("from", from, false);
    Instant toAt = time("to", to, true);
    if (fromAt != null && toAt != null && !fromAt.isBefore(toAt)) {
      throw new InvalidInputException("to", "to must be after from");
    }
    return search.find(
        new SearchRepository.Query(
            text(q),
            blank(status) ? null : JsonBody.enumValue("status", ConversationStatus.class, status),
            blank(assignee) ? null : Texts.shortText("assignee", assignee, 100),
            blank(intent) ? null : JsonBody.enumValue("intent", Intent.class, intent).wire(),
            blank(urgency) ? null : JsonBody.enumValue("urgency", Urgency.class, urgency).wire(),
            fromAt,
            toAt),
        QueryParams.wholeNumber(
            "limit", limit, ConversationResource.DEFAULT_LIMIT, 1, ConversationResource.MAX_LIMIT),
        blank(cursor) ? null : Cursor.decode(cursor));
  }

  /** The search text: required, at most 200 characters, with at least one letter or digit. */
  private static String text(String q) {
    if (q == null || q.isBlank()) {
      throw new InvalidInputException("missing_field", "q", "q is required: the words to find");
    }
    String text = Texts.shortText("q", q.strip(), MAX_QUERY_LENGTH);
    if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
      throw new InvalidInputException("q", "q has no word to search for");
    }
    return text;
  }

  /**
   * An ISO-8601 instant ({@code 2026-12-01T09:30:00Z}) or a date ({@code 2026-12-01}, UTC): the
   * start of that day, or for an upper bound ({@code endOfDay}) the start of the next one, so that
   * {@code to=2026-12-01} includes the 1st.
   */
  private static Instant time(String name, String text, boolean endOfDay) {
    if (blank(text)) {
      return null;
    }
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          name,
          name
              + " must be an ISO-8601 instant (2026-12-01T09:30:00Z) or a date (2026-12-01), not '"
              + Texts.shortText(name, text, 100)
              + "'");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }
}
