package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.NewOperator;
import org.supportinbox.contracts.rest.OperatorChange;
import org.supportinbox.contracts.rest.OperatorView;
import org.supportinbox.gateway.application.OperatorService;
import org.supportinbox.gateway.domain.OperatorRole;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.CallerPrincipal;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.Texts;

/** Operator accounts, for admins: list, add, change (rename, role, disable, password). */
@Path("operators")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Roles.ADMIN)
public class OperatorResource {

  @Inject OperatorService operators;

  @Operation(summary = "Every operator account (admins)")
  @APIResponse(
      responseCode = "200",
      description = "the accounts",
      content =
          @Content(
              mediaType = "application/json",
              schema =
                  @Schema(
                      type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                      implementation = OperatorView.class)))
  @GET
  public List<OperatorView> list() {
    return operators.list();
  }

  /** {@link NewOperator} → 201; 409 when the name is taken. */
  @Operation(summary = "Add an operator account (admins)")
  @APIResponse(
      responseCode = "201",
      description = "the account",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "OperatorView")))
  @APIResponse(responseCode = "409", ref = "Conflict")
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @RequestBody(
              content =
                  @Content(mediaType = "application/json", schema = @Schema(ref = "NewOperator")))
          String text,
      @Context SecurityContext security) {
    NewOperator add = JsonBody.parse(text, NewOperator.class).as(NewOperator.class);
    String displayName = Texts.shortText("display_name", add.displayName(), 100);
    OperatorRole role =
        add.role() == null
            ? OperatorRole.OPERATOR
            : JsonBody.enumValue("role", OperatorRole.class, add.role());
    OperatorView created =
        operators.create(
            add.username(),
            displayName == null ? add.username().strip() : displayName,
            role,
            add.password(),
            CallerPrincipal.of(security).subject());
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  /**
   * {@link OperatorChange}; a change of role, password or disabled flag ends the account's tokens.
   */
  @Operation(summary = "Change an operator account (admins)")
  @APIResponse(
      responseCode = "200",
      description = "the account",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "OperatorView")))
  @APIResponse(responseCode = "409", ref = "Conflict")
  @PATCH
  @Path("{username}")
  @Consumes(MediaType.APPLICATION_JSON)
  public OperatorView change(
      @PathParam("username") String username,
      @RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(ref = "OperatorChange")))
          String text,
      @Context SecurityContext security) {
    JsonBody body = JsonBody.parse(text, OperatorChange.class);
    if (body.isEmpty()) {
      throw new InvalidInputException(
          "missing_field", null, "give display_name, role, disabled or password to change");
    }
    OperatorChange change = body.as(OperatorChange.class);
    return operators.change(
        username,
        new OperatorService.Change(
            Texts.shortText("display_name", change.displayName(), 100),
            change.role() == null
                ? null
                : JsonBody.enumValue("role", OperatorRole.class, change.role()),
            change.disabled(),
            change.password()),
        CallerPrincipal.of(security).subject());
  }
}
