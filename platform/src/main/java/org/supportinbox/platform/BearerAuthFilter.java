package org.supportinbox.platform;

import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Arrays;
import java.util.logging.Logger;
import org.supportinbox.auth.Caller;
import org.supportinbox.auth.TokenVerifier;
import org.supportinbox.contracts.rest.ErrorBody;

/**
 * Every resource method needs a valid bearer token and one of the roles its {@link Allowed} names:
 * 401 without a valid token (or a revoked one), 403 without the role (and for a method that names
 * none); a method marked {@link Public} needs neither. Each WAR subclasses it with
 * {@code @Provider} and says where the verifier comes from and what is revoked.
 */
@Priority(Priorities.AUTHENTICATION)
public abstract class BearerAuthFilter implements ContainerRequestFilter {

  private static final Logger LOG = Logger.getLogger(BearerAuthFilter.class.getName());
  private static final String BEARER = "Bearer ";

  @Context ResourceInfo resourceInfo;

  /** The verifier of the tokens this service takes; called per request, so cache it. */
  protected abstract TokenVerifier verifier();

  /** Whether a verified token was revoked since (logout, disabled account); false by default. */
  protected boolean revoked(Caller caller) {
    return false;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resourceInfo.getResourceMethod();
    if (method == null || method.isAnnotationPresent(Public.class)) {
      return; // no resource matched (JAX-RS answers 404), or a public one like login
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      request.abortWith(unauthorized("missing bearer token (Authorization: Bearer <JWT>)"));
      return;
    }
    Caller caller;
    try {
      caller = verifier().verify(header.substring(BEARER.length()).strip());
    } catch (ParseException e) {
      LOG.fine(() -> "rejected token: " + e.getMessage());
      request.abortWith(unauthorized("invalid or expired token"));
      return;
    }
    if (revoked(caller)) {
      request.abortWith(unauthorized("the token was revoked"));
      return;
    }
    Allowed allowed = method.getAnnotation(Allowed.class);
    if (allowed == null) {
      allowed = resourceInfo.getResourceClass().getAnnotation(Allowed.class);
    }
    if (allowed == null || Arrays.stream(allowed.value()).noneMatch(caller::hasRole)) {
      request.abortWith(
          Errors.response(
              Response.Status.FORBIDDEN,
              new ErrorBody(
                  "forbidden",
                  "this needs one of the roles "
                      + (allowed == null ? "[]" : Arrays.toString(allowed.value())),
                  null)));
      return;
    }
    boolean secure = request.getSecurityContext().isSecure();
    request.setSecurityContext(
        new SecurityContext() {
          @Override
          public Principal getUserPrincipal() {
            return new CallerPrincipal(caller);
          }

          @Override
          public boolean isUserInRole(String role) {
            return caller.hasRole(role);
          }

          @Override
          public boolean isSecure() {
            return secure;
          }

          @Override
          public String getAuthenticationScheme() {
            return "Bearer";
          }
        });
  }

  private static Response unauthorized(String detail) {
    return Response.fromResponse(
            Errors.response(
                Response.Status.UNAUTHORIZED, new ErrorBody("unauthorized", detail, null)))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"support-inbox\"")
        .build();
  }
}
