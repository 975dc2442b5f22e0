package org.supportinbox.gateway.api.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.supportinbox.auth.Caller;
import org.supportinbox.auth.TokenVerifier;
import org.supportinbox.contracts.rest.ErrorBody;
import org.supportinbox.gateway.application.InvalidCredentialsException;
import org.supportinbox.gateway.application.LimitsUnavailableException;
import org.supportinbox.gateway.application.LockedOutException;
import org.supportinbox.gateway.application.LoginService;
import org.supportinbox.gateway.application.MessagingRefusedException;
import org.supportinbox.gateway.application.MessagingUnavailableException;
import org.supportinbox.gateway.application.RateLimitedException;
import org.supportinbox.gateway.application.RevocationUnavailableException;
import org.supportinbox.gateway.config.GatewayConfig;
import org.supportinbox.platform.BearerAuthFilter;
import org.supportinbox.platform.BodyLimitFilter;
import org.supportinbox.platform.Errors;
import org.supportinbox.platform.ExceptionMappers;
import org.supportinbox.platform.JsonbResolver;
import org.supportinbox.platform.Lazy;
import org.supportinbox.platform.LazyBean;
import org.supportinbox.platform.SharedConfig;

/** Registers module platform's REST plumbing, and the gateway's own error answers, with JAX-RS. */
final class Providers {

  private Providers() {}

  @Provider
  public static class InvalidInput extends ExceptionMappers.InvalidInput {}

  @Provider
  public static class UnknownId extends ExceptionMappers.UnknownId {}

  @Provider
  public static class Conflict extends ExceptionMappers.Conflict {}

  @Provider
  public static class WebApplication extends ExceptionMappers.WebApplication {}

  @Provider
  public static class Unexpected extends ExceptionMappers.Unexpected {}

  @Provider
  public static class Json extends JsonbResolver {}

  /** 401, the same answer for an unknown user, a wrong password and a disabled account. */
  @Provider
  public static class InvalidCredentials implements ExceptionMapper<InvalidCredentialsException> {
    @Override
    public Response toResponse(InvalidCredentialsException e) {
      return Errors.response(401, new ErrorBody("invalid_credentials", e.getMessage(), null));
    }
  }

  /** 429 with Retry-After while a user name is locked out. */
  @Provider
  public static class LockedOut implements ExceptionMapper<LockedOutException> {
    @Override
    public Response toResponse(LockedOutException e) {
      return Response.fromResponse(
              Errors.response(429, new ErrorBody("too_many_attempts", e.getMessage(), null)))
          .header("Retry-After", e.retryAfterSeconds())
          .build();
    }
  }

  /** 429 with Retry-After when a client exceeds a rate limit. */
  @Provider
  public static class RateLimited implements ExceptionMapper<RateLimitedException> {
    @Override
    public Response toResponse(RateLimitedException e) {
      return Response.fromResponse(
              Errors.response(429, new ErrorBody("rate_limited", e.getMessage(), null)))
          .header("Retry-After", e.retryAfterSeconds())
          .build();
    }
  }

  /**
   * 503 with Retry-After when a shared rate limit cannot be checked (the gateway's database does
   * not answer): fail closed, never an unlimited request.
   */
  @Provider
  public static class LimitsUnavailable implements ExceptionMapper<LimitsUnavailableException> {
    @Override
    public Response toResponse(LimitsUnavailableException e) {
      return Response.fromResponse(
              Errors.response(503, new ErrorBody("service_unavailable", e.getMessage(), null)))
          .header("Retry-After", 1)
          .build();
    }
  }

  /** Messaging's own answer to a request it refused, with the caller's field names. */
  @Provider
  public static class MessagingRefused implements ExceptionMapper<MessagingRefusedException> {
    @Override
    public Response toResponse(MessagingRefusedException e) {
      return Upstream.relay(e.answer(), e.fieldNames());
    }
  }

  /** 503 when messaging cannot answer in time. */
  @Provider
  public static class MessagingUnavailable
      implements ExceptionMapper<MessagingUnavailableException> {
    @Override
    public Response toResponse(MessagingUnavailableException e) {
      return Errors.response(503, new ErrorBody("messaging_unavailable", e.getMessage(), null));
    }
  }

  /**
   * 503 when this instance cannot tell whether a token was revoked: its denylist could not be
   * refreshed for over a second (the gateway's database does not answer). Never an accept.
   */
  @Provider
  public static class RevocationUnavailable
      implements ExceptionMapper<RevocationUnavailableException> {
    @Override
    public Response toResponse(RevocationUnavailableException e) {
      return Response.fromResponse(
              Errors.response(503, new ErrorBody("service_unavailable", e.getMessage(), null)))
          .header("Retry-After", 1)
          .build();
    }
  }

  /** Tokens this gateway issued (or any signed with JWT_SECRET), unless logged out or disabled. */
  @Provider
  public static class BearerAuth extends BearerAuthFilter {
    private final Lazy<SharedConfig> shared = LazyBean.of(SharedConfig.class);
    private final Lazy<LoginService> logins = LazyBean.of(LoginService.class);

    /** Only {@code JWT_SECRET}: an AI function's token opens nothing here. */
    @Override
    protected TokenVerifier verifier() {
      return shared.get().verifier();
    }

    @Override
    protected boolean revoked(Caller caller) {
      return logins.get().revoked(caller);
    }
  }

  /**
   * API answers carry operator and customer data: no browser or proxy may keep them. Answers that
   * set their own caching (the UI files) keep it.
   */
  @Provider
  public static class NoStore implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      response.getHeaders().putIfAbsent(HttpHeaders.CACHE_CONTROL, List.of("no-store"));
    }
  }

  /** {@code MAX_REQUEST_BYTES}. */
  @Provider
  @PreMatching
  public static class BodyLimit extends BodyLimitFilter {
    /** The upload routes: their body is one file, up to {@code ATTACHMENT_MAX_BYTES}. */
    static final java.util.regex.Pattern UPLOAD =
        java.util.regex.Pattern.compile("(conversations/[^/]+|customer)/attachments/?");

    private final Lazy<SharedConfig> shared = LazyBean.of(SharedConfig.class);

    private final Lazy<GatewayConfig> config = LazyBean.of(GatewayConfig.class);

    @Override
    protected int limit() {
      return shared.get().maxRequestBytes();
    }

    @Override
    protected int limit(jakarta.ws.rs.container.ContainerRequestContext request) {
      if ("POST".equals(request.getMethod())
          && UPLOAD.matcher(request.getUriInfo().getPath().replaceAll("^/+", "")).matches()) {
        return (int) Math.max(limit(), config.get().attachmentMaxBytes());
      }
      return limit();
    }
  }
}
