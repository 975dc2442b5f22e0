package org.supportinbox.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.supportinbox.contracts.rest.ErrorBody;

/**
 * Refuses request bodies over {@link #limit()} bytes with 413, by Content-Length when given and by
 * counting otherwise (chunked), before anything is parsed or stored.
 */
public abstract class BodyLimitFilter implements ContainerRequestFilter {

  /** The most bytes a request body may have; read once per request, so keep it cheap. */
  protected abstract int limit();

  /** The limit for {@code request}; {@link #limit()} unless a route needs another. */
  protected int limit(ContainerRequestContext request) {
    return limit();
  }

  @Override
  public void filter(ContainerRequestContext request) {
    int limit = limit(request);
    if (request.getLength() > limit) {
      request.abortWith(tooLarge(limit));
      return;
    }
    if (request.hasEntity()) {
      request.setEntityStream(new Bounded(request.getEntityStream(), limit));
    }
  }

  public static Response tooLarge(int limit) {
    return Errors.response(
        413,
        new ErrorBody(
            "payload_too_large", "the request body is larger than " + limit + " bytes", null));
  }

  /** Fails the read once more than {@code limit} bytes came. */
  private static final class Bounded extends FilterInputStream {
    private final int limit;
    private long count;

    Bounded(InputStream in, int limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      int n = super.read(buffer, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      count += n;
      if (count > limit) {
        throw new jakarta.ws.rs.WebApplicationException(tooLarge(limit));
      }
    }
  }
}
