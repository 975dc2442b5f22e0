package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.Credentials;
import org.supportinbox.contracts.rest.LoginResult;
import org.supportinbox.gateway.application.LoginService;
import org.supportinbox.gateway.application.RateLimits;
import org.supportinbox.platform.Allowed;
import org.supportinbox.platform.CallerPrincipal;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.Public;

/** {@code POST /login} and {@code POST /logout}. */
@Path("")
@RequestScoped
public class LoginResource {

  @Inject LoginService logins;

  @Inject RateLimits limits;

  @Inject ClientAddresses clients;

  /**
   * 200 with a token; 400 for a user name that cannot exist (the pattern of user names); 401 for
   * any bad credentials; 429 while the name is locked out for this client address, or when this
   * client address tried too often (any names).
   */
  @Operation(summary = "Log in: a bearer token for an operator")
  @SecurityRequirementsSet({})
  @APIResponse(
      responseCode = "200",
      description = "the token",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "LoginResult")))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "429", ref = "TooManyRequests")
  @POST
  @Path("login")
  @Public
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public LoginResult login(
      @RequestBody(
              content =
                  @Content(mediaType = "application/json", schema = @Schema(ref = "Credentials")))
          String text,
      @Context HttpServletRequest request) {
    String client = clients.of(request);
    limits.login(client);
    Credentials credentials = JsonBody.parse(text, Credentials.class).as(Credentials.class);
    return logins.login(credentials.username(), credentials.password(), client);
  }

  /** 204; the token no longer works anywhere, on any gateway instance. */
  @Operation(summary = "Log out: the token stops working everywhere")
  @APIResponse(responseCode = "204", description = "logged out")
  @POST
  @Path("logout")
  @Allowed({Roles.OPERATOR, Roles.ADMIN, Roles.CUSTOMER})
  public Response logout(@Context SecurityContext security) {
    logins.logout(CallerPrincipal.of(security));
    return Response.noContent().build();
  }
}
