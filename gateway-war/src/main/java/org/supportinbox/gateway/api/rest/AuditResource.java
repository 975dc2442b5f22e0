package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.AuditPage;
import org.supportinbox.gateway.application.AuditCursor;
import org.supportinbox.gateway.application.AuditLog;
import org.supportinbox.gateway.domain.AuditFilter;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.InvalidInputException;

/** The audit log, for admins: a filtered page, newest first. */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Roles.ADMIN)
public class AuditResource {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;

  private static final Set<String> PARAMETERS =
      Set.of("action", "actor", "subject", "from", "to", "limit", "cursor");

  /** {@code operator.created}, {@code login.failed}: lower-case words joined by dots. */
  private static final String ACTION = "[a-z][a-z0-9_]{0,31}(\\.[a-z][a-z0-9_]{0,31}){1,3}";

  @Inject AuditLog audit;

  /**
   * {@code action} exact; {@code actor} and {@code subject} exact but case-insensitive; {@code
   * from} inclusive and {@code to} exclusive, RFC 3339 with an offset; {@code limit} 1..200 (50);
   * {@code cursor} the previous page's {@code next_cursor}. Any other parameter, or one given
   * twice, is a 400 naming it.
   */
  @Operation(summary = "The audit log, newest first (admins)")
  @Parameter(name = "action", in = ParameterIn.QUERY, description = "e.g. operator.created")
  @Parameter(name = "actor", in = ParameterIn.QUERY, description = "who did it (a user name)")
  @Parameter(name = "subject", in = ParameterIn.QUERY, description = "whom it concerned")
  @Parameter(name = "from", in = ParameterIn.QUERY, description = "at or after, RFC 3339")
  @Parameter(name = "to", in = ParameterIn.QUERY, description = "before, RFC 3339")
  @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1..200, default 50")
  @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "next_cursor of a page")
  @APIResponse(
      responseCode = "200",
      description = "a page",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "AuditPage")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @GET
  public AuditPage list(@Context UriInfo uri) {
    QueryParameters query = QueryParameters.of(uri.getQueryParameters(), PARAMETERS);
    String action =
        query.matching("action", ACTION, "an action such as operator.created or login.failed");
    String actor = query.text("actor", 200);
    String subject = query.text("subject", 200);
    Instant from = query.instant("from");
    Instant to = query.instant("to");
    if (from != null && to != null && !to.isAfter(from)) {
      throw new InvalidInputException("to", "to must be later than from");
    }
    int limit = query.wholeNumber("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    String cursor = query.text("cursor", 200);
    return audit.page(
        new AuditFilter(action, actor, subject, from, to),
        limit,
        cursor == null ? null : AuditCursor.decode(cursor));
  }
}
