package org.supportinbox.messaging.api.rest;

import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Arrays;
import java.util.logging.Logger;
import org.supportinbox.contracts.rest.ErrorBody;
import org.supportinbox.messaging.infrastructure.config.MessagingConfig;
import org.supportinbox.messaging.infrastructure.security.Caller;
import org.supportinbox.messaging.infrastructure.security.JwtVerifier;

/**
 * Every resource method needs a valid bearer token and one of the roles its {@link Allowed} names:
 * 401 without a valid token, 403 without the role (and for a method that names none).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthFilter implements ContainerRequestFilter {

  private static final Logger LOG = Logger.getLogger(BearerAuthFilter.class.getName());
  private static final String BEARER = "Bearer ";

  @Context ResourceInfo resourceInfo;

  private volatile JwtVerifier verifier;

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resourceInfo.getResourceMethod();
    if (method == null) {
      return; // no resource matched: JAX-RS answers 404 without calling anything
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

  private JwtVerifier verifier() {
    JwtVerifier v = verifier;
    if (v == null) {
      MessagingConfig config = CDI.current().select(MessagingConfig.class).get();
      v = new JwtVerifier(config.jwtSecret(), config.jwtIssuer());
      verifier = v;
    }
    return v;
  }

  private static Response unauthorized(String detail) {
    return Response.fromResponse(
            Errors.response(
                Response.Status.UNAUTHORIZED, new ErrorBody("unauthorized", detail, null)))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"support-inbox\"")
        .build();
  }
}
