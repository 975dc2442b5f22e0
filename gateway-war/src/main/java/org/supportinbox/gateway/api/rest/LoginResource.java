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
import java.util.Set;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.LoginResult;
import org.supportinbox.gateway.application.LoginService;
import org.supportinbox.gateway.application.RateLimits;
import org.supportinbox.web.Allowed;
import org.supportinbox.web.CallerPrincipal;
import org.supportinbox.web.JsonBody;
import org.supportinbox.web.Public;

/** {@code POST /login} and {@code POST /logout}. */
@Path("")
@RequestScoped
public class LoginResource {

  @Inject LoginService logins;

  @Inject RateLimits limits;

  /**
   * 200 with a token; 400 for a user name that cannot exist (the pattern of user names); 401 for
   * any bad credentials; 429 while the name is locked out for this client address, or when this
   * client address tried too often (any names).
   */
  @POST
  @Path("login")
  @Public
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public LoginResult login(String text, @Context HttpServletRequest request) {
    limits.login(request.getRemoteAddr());
    JsonBody body = JsonBody.parse(text, Set.of("username", "password"));
    return logins.login(
        body.requiredString("username"), body.requiredString("password"), request.getRemoteAddr());
  }

  /** 204; the token no longer works anywhere, on any gateway instance. */
  @POST
  @Path("logout")
  @Allowed({Roles.OPERATOR, Roles.ADMIN, Roles.CUSTOMER})
  public Response logout(@Context SecurityContext security) {
    logins.logout(CallerPrincipal.of(security));
    return Response.noContent().build();
  }
}
