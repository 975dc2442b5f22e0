package org.supportinbox.messaging.api.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.List;
import org.supportinbox.auth.MailFunctionTokens;
import org.supportinbox.auth.TokenVerifier;
import org.supportinbox.contracts.rest.ErrorBody;
import org.supportinbox.contracts.rest.InboundAttachment;
import org.supportinbox.messaging.config.MessagingConfig;
import org.supportinbox.messaging.domain.DuplicateValueException;
import org.supportinbox.messaging.domain.InvalidValueException;
import org.supportinbox.messaging.domain.NotFoundException;
import org.supportinbox.platform.BearerAuthFilter;
import org.supportinbox.platform.BodyLimitFilter;
import org.supportinbox.platform.Errors;
import org.supportinbox.platform.ExceptionMappers;
import org.supportinbox.platform.JsonbResolver;
import org.supportinbox.platform.Lazy;
import org.supportinbox.platform.LazyBean;
import org.supportinbox.platform.SharedConfig;

/** Registers the shared REST edge of module {@code platform} with this WAR's JAX-RS application. */
final class Providers {

  private Providers() {}

  @Provider
  public static class InvalidInput extends ExceptionMappers.InvalidInput {}

  @Provider
  public static class UnknownId extends ExceptionMappers.UnknownId {}

  /** 409 {@code conflict} naming the field (an article's {@code version}). */
  @Provider
  public static class Conflict extends ExceptionMappers.Conflict {}

  @Provider
  public static class WebApplication extends ExceptionMappers.WebApplication {}

  @Provider
  public static class Unexpected extends ExceptionMappers.Unexpected {}

  @Provider
  public static class Json extends JsonbResolver {}

  /** 400 for a value that breaks a domain rule, naming the field. */
  @Provider
  public static class InvalidValue implements ExceptionMapper<InvalidValueException> {
    @Override
    public Response toResponse(InvalidValueException e) {
      return Errors.response(400, new ErrorBody(e.code(), e.getMessage(), e.field()));
    }
  }

  /** 409 {@code conflict} for a value another row has (a saved reply's shortcut), naming it. */
  @Provider
  public static class DuplicateValue implements ExceptionMapper<DuplicateValueException> {
    @Override
    public Response toResponse(DuplicateValueException e) {
      return Errors.response(409, new ErrorBody("conflict", e.getMessage(), e.field()));
    }
  }

  /** 404 {@code <kind>_not_found}. */
  @Provider
  public static class NotFound implements ExceptionMapper<NotFoundException> {
    @Override
    public Response toResponse(NotFoundException e) {
      return Errors.response(404, new ErrorBody(e.kind() + "_not_found", e.getMessage(), null));
    }
  }

  /**
   * Tokens signed with {@code JWT_SECRET} by {@code JWT_ISSUER} (the gateway's service token,
   * operators), and the AI functions' own, signed with {@code AI_FUNCTION_SECRET}, which only ever
   * have the role {@code ai_function}, and, when {@code MAIL_FUNCTION_SECRET} is set, the mail
   * functions' own, which only ever have the role {@code mail_function}.
   */
  @Provider
  public static class BearerAuth extends BearerAuthFilter {
    private final Lazy<SharedConfig> shared = LazyBean.of(SharedConfig.class);
    private final Lazy<MessagingConfig> config = LazyBean.of(MessagingConfig.class);
    private final Lazy<TokenVerifier> verifier =
        Lazy.of(
            () -> {
              List<TokenVerifier> verifiers = new ArrayList<>();
              verifiers.add(shared.get().verifier());
              verifiers.add(shared.get().aiFunctionVerifier());
              config
                  .get()
                  .mailFunctionSecret()
                  .map(MailFunctionTokens::verifier)
                  .ifPresent(verifiers::add);
              return TokenVerifier.anyOf(verifiers);
            });

    @Override
    protected TokenVerifier verifier() {
      return verifier.get();
    }
  }

  /** {@code MAX_REQUEST_BYTES}. */
  @Provider
  @PreMatching
  public static class BodyLimit extends BodyLimitFilter {
    static final int INBOUND_MAIL_LIMIT =
        (int) ((InboundAttachment.MAX_TOTAL_BYTES + 2) / 3 * 4 + 64 * 1024);

    /** An upload's route: its body is the file, up to {@code ATTACHMENT_MAX_BYTES}. */
    static final java.util.regex.Pattern UPLOAD =
        java.util.regex.Pattern.compile("conversations/[^/]+/attachments/?");

    private final Lazy<SharedConfig> shared = LazyBean.of(SharedConfig.class);

    private final Lazy<MessagingConfig> config = LazyBean.of(MessagingConfig.class);

    @Override
    protected int limit() {
      return shared.get().maxRequestBytes();
    }

    /**
     * A mail from the mail function carries its attachments, base64: up to {@code
     * InboundAttachment.MAX_TOTAL_BYTES} of them, plus the rest of the mail. An upload's body is
     * one file, up to {@code ATTACHMENT_MAX_BYTES}.
     */
    @Override
    protected int limit(ContainerRequestContext request) {
      String path = request.getUriInfo().getPath().replaceAll("^/+", "");
      if ("email/inbound".equals(path)) {
        return INBOUND_MAIL_LIMIT + limit();
      }
      if (UPLOAD.matcher(path).matches()) {
        return (int) Math.max(limit(), config.get().attachmentMaxBytes());
      }
      return limit();
    }
  }
}
