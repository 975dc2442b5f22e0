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

  public static class Unexpected implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable e) {
      String incident = UUID.randomUUID().toString();
      LOG.log(Level.SEVERE, "unexpected failure incident=" + incident, e);
      return Errors.response(
          500,
          new ErrorBody(
              "internal_error",
              "the request failed unexpectedly; the server log has incident " + incident,
              null));
    }
  }
}
