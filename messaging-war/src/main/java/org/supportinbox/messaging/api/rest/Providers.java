package org.supportinbox.messaging.api.rest;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.supportinbox.auth.TokenVerifier;
import org.supportinbox.web.BearerAuthFilter;
import org.supportinbox.web.BodyLimitFilter;
import org.supportinbox.web.ExceptionMappers;
import org.supportinbox.web.JsonbResolver;
import org.supportinbox.web.Lazy;
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

  /**
   * Tokens signed with {@code JWT_SECRET} by {@code JWT_ISSUER} (the gateway's service token,
   * operators), and the AI functions' own, signed with {@code AI_FUNCTION_SECRET}, which only ever
   * have the role {@code ai_function}.
   */
  @Provider
  public static class BearerAuth extends BearerAuthFilter {
    private final Lazy<SharedConfig> shared = LazyBean.of(SharedConfig.class);
    private final Lazy<TokenVerifier> verifier =
        Lazy.of(
            () ->
                TokenVerifier.anyOf(
                    List.of(shared.get().verifier(), shared.get().aiFunctionVerifier())));

    @Override
    protected TokenVerifier verifier() {
      return verifier.get();
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
