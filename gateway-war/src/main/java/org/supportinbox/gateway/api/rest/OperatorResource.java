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
import java.util.Set;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.OperatorView;
import org.supportinbox.gateway.application.OperatorService;
import org.supportinbox.gateway.domain.OperatorRole;
import org.supportinbox.web.Allowed;
import org.supportinbox.web.CallerPrincipal;
import org.supportinbox.web.InvalidInputException;
import org.supportinbox.web.JsonBody;
import org.supportinbox.web.Texts;

/** Operator accounts, for admins: list, add, change (rename, role, disable, password). */
@Path("operators")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Roles.ADMIN)
public class OperatorResource {

  @Inject OperatorService operators;

  @GET
  public List<OperatorView> list() {
    return operators.list();
  }

  /** {@code {username, display_name?, role?, password}} → 201; 409 when the name is taken. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(String text, @Context SecurityContext security) {
    JsonBody body = JsonBody.parse(text, Set.of("username", "display_name", "role", "password"));
    String username = body.requiredString("username");
    String displayName = Texts.shortText("display_name", body.string("display_name"), 100);
    OperatorRole role = body.enumValue("role", OperatorRole.class);
    OperatorView created =
        operators.create(
            username,
            displayName == null ? username.strip() : displayName,
            role == null ? OperatorRole.OPERATOR : role,
            body.requiredString("password"),
            CallerPrincipal.of(security).subject());
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  /**
   * {@code {display_name?, role?, disabled?, password?}}; disabling revokes the account's tokens.
   */
  @PATCH
  @Path("{username}")
  @Consumes(MediaType.APPLICATION_JSON)
  public OperatorView change(
      @PathParam("username") String username, String text, @Context SecurityContext security) {
    JsonBody body = JsonBody.parse(text, Set.of("display_name", "role", "disabled", "password"));
    if (body.isEmpty()) {
      throw new InvalidInputException(
          "missing_field", null, "give display_name, role, disabled or password to change");
    }
    return operators.change(
        username,
        new OperatorService.Change(
            Texts.shortText("display_name", body.string("display_name"), 100),
            body.enumValue("role", OperatorRole.class),
            body.bool("disabled"),
            body.string("password")),
        CallerPrincipal.of(security).subject());
  }
}
