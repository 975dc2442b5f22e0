package org.supportinbox.platform;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.contracts.rest.ErrorBody;

/**
 * Turns every exception into a JSON {@link ErrorBody}; nothing answers with HTML. Each WAR
 * registers these with one-line {@code @Provider} subclasses (JAX-RS only scans the WAR's own
 * classes).
 */
public final class ExceptionMappers {

  private static final Logger LOG = Logger.getLogger(ExceptionMappers.class.getName());

  private ExceptionMappers() {}

  public static class InvalidInput implements ExceptionMapper<InvalidInputException> {
    @Override
    public Response toResponse(InvalidInputException e) {
      int status =
          e instanceof TooLargeException ? 413 : e instanceof UnsupportedTypeException ? 415 : 400;
      return Errors.response(status, new ErrorBody(e.code(), e.getMessage(), e.field()));
    }
  }

  public static class UnknownId implements ExceptionMapper<UnknownIdException> {
    @Override
    public Response toResponse(UnknownIdException e) {
      return Errors.response(404, new ErrorBody(e.kind() + "_not_found", e.getMessage(), null));
    }
  }

  public static class Conflict implements ExceptionMapper<ConflictException> {
    @Override
    public Response toResponse(ConflictException e) {
      return Errors.response(409, new ErrorBody("conflict", e.getMessage(), e.field()));
    }
  }

  public static class WebApplication implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      int status = e.getResponse().getStatus();
      if (status >= 500) {
        LOG.log(Level.SEVERE, "request failed", e);
      }
      return Errors.response(status, new ErrorBody(Errors.code(status), e.getMessage(), null));
    }
  }

  /**
   * Anything else is a {@code 500} with an incident number in the log, except a failure because the
   * database cannot take the request now ({@link DatabaseOutage}): {@code 503} with {@code
   * Retry-After: 1}, so a client sends it again rather than taking it as refused.
   */
  public static class Unexpected implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable e) {
      if (DatabaseOutage.isCauseOf(e)) {
        LOG.warning(() -> "the database cannot take the request now (503): " + rootOf(e));
        return Response.fromResponse(
                Errors.response(
                    503,
                    new ErrorBody(
                        "database_unavailable",
                        "the database cannot take this request now; try again shortly",
                        null)))
            .header("Retry-After", 1)
            .build();
      }
      String incident = UUID.randomUUID().toString();
      LOG.log(Level.SEVERE, "unexpected failure incident=" + incident, e);
      return Errors.response(
          500,
          new ErrorBody(
              "internal_error",
              "the request failed unexpectedly; the server log has incident " + incident,
              null));
    }

    private static String rootOf(Throwable e) {
      Throwable t = e;
      for (int i = 0; i < 32 && t.getCause() != null && t.getCause() != t; i++) {
        t = t.getCause();
      }
      return t.toString();
    }
  }
}
