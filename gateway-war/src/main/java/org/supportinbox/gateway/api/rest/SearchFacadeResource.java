package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.gateway.application.Inbox;
import org.supportinbox.platform.Allowed;

/**
 * Operators' full-text search, on the gateway's origin; messaging searches and validates, and its
 * answer (errors included) is passed on. Customers never reach it.
 */
@Path("search")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Roles.OPERATOR, Roles.ADMIN})
public class SearchFacadeResource {

  @Inject Inbox inbox;

  @Operation(
      summary = "Full-text search, newest hit first",
      description =
          "Over customer messages, replies, notes, AI summaries and customers' names and emails."
              + " q in web-search syntax: words (all must match), \"a phrase\", or, -word. status,"
              + " assignee, intent and urgency narrow to conversations that have them now; from"
              + " (inclusive) and to (exclusive) bound the hit's time, each an ISO-8601 instant or"
              + " a date (UTC; a date in to includes that day).")
  @APIResponse(
      responseCode = "200",
      description = "a page of hits",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "SearchPage")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @GET
  public Response find(
      @QueryParam("q") String q,
      @QueryParam("status") String status,
      @QueryParam("assignee") String assignee,
      @QueryParam("intent") String intent,
      @QueryParam("urgency") String urgency,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("q", q);
    parameters.put("status", status);
    parameters.put("assignee", assignee);
    parameters.put("intent", intent);
    parameters.put("urgency", urgency);
    parameters.put("from", from);
    parameters.put("to", to);
    parameters.put("limit", limit);
    parameters.put("cursor", cursor);
    parameters.values().removeIf(v -> v == null);
    return Upstream.relay(inbox.search(parameters));
  }
}
