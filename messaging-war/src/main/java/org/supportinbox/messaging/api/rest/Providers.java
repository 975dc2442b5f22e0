package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.supportinbox.auth.JwtVerifier;
import org.supportinbox.web.BearerAuthFilter;
import org.supportinbox.web.BodyLimitFilter;
import org.supportinbox.web.ExceptionMappers;
import org.supportinbox.web.JsonbResolver;
import org.supportinbox.web.LazyBean;
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
    private final LazyBean<SharedConfig> shared = LazyBean.of(SharedConfig.class);

    @Override
    protected JwtVerifier verifier() {
      return shared.get().verifier();
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
