package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.supportinbox.auth.JwtVerifier;
import org.supportinbox.web.BearerAuthFilter;
import org.supportinbox.web.BodyLimitFilter;
import org.supportinbox.web.ExceptionMappers;
import org.supportinbox.web.JsonbResolver;
import org.supportinbox.web.SharedConfig;

/** Registers the shared REST plumbing of module {@code web} with this WAR's JAX-RS application. */
final class Providers {

  private Providers() {}

  @Provider
  public static class InvalidInput extends ExceptionMappers.InvalidInput {}

  @Provider
  public static class UnknownId extends ExceptionMappers.UnknownId {}

  @Provider
  public static class WebApplication extends ExceptionMappers.WebApplication {}

  @Provider
  public static class Unexpected extends ExceptionMappers.Unexpected {}

  @Provider
  public static class Json extends JsonbResolver {}

  /** Tokens signed with {@code JWT_SECRET} by {@code JWT_ISSUER}. */
  @Provider
  public static class BearerAuth extends BearerAuthFilter {
    // The application-scoped bean's client proxy, looked up once: CDI.current().select(...) on
    // every request cost about 4.5 % of this service's CPU samples in ./inbox bench (JFR).
    private volatile SharedConfig shared;

    @Override
    protected JwtVerifier verifier() {
      SharedConfig s = shared;
      if (s == null) {
        s = CDI.current().select(SharedConfig.class).get();
        shared = s;
      }
      return s.verifier();
    }
  }

  /** {@code MAX_REQUEST_BYTES}. */
  @Provider
  @PreMatching
  public static class BodyLimit extends BodyLimitFilter {
    private volatile int max;

    @Override
    protected int limit() {
      if (max == 0) {
        max = CDI.current().select(SharedConfig.class).get().maxRequestBytes();
      }
      return max;
    }
  }
}
