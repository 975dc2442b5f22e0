package org.supportinbox.platform;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.supportinbox.contracts.rest.ErrorBody;

/**
 * The error page of every WAR that bundles this jar ({@code META-INF/web-fragment.xml} makes it the
 * default {@code <error-page>}): whatever the servlet container itself refuses after it has mapped
 * the request to the application ({@code /WEB-INF/}, {@code /META-INF/}, a servlet's 405, an
 * exception no JAX-RS mapper saw) is answered with a JSON {@link ErrorBody} and {@code
 * Cache-Control: no-store} instead of Payara's HTML error report, which names the server. The
 * detail is the status's reason phrase only: the container's own message can hold paths.
 *
 * <p>It overrides {@code service} for every method, so an error dispatch of a TRACE request never
 * reaches {@link HttpServlet}'s {@code doTrace}, which would echo the request. web-fragment.xml
 * maps it to {@code /.error}, which no route of the APIs looks like; asked for directly (not as an
 * error dispatch), it answers 404.
 */
public class ErrorPageServlet extends HttpServlet {

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int status = HttpServletResponse.SC_NOT_FOUND;
    if (request.getDispatcherType() == DispatcherType.ERROR
        && request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
        && code >= 400) {
      status = code;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    byte[] body = WireJson.JSONB.toJson(body(status)).getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    // Written for HEAD too (the connector drops it): an error page that writes nothing is taken
    // for none, and Payara's HTML report takes over the content type.
    response.getOutputStream().write(body);
  }

  /** The answer for {@code status}: the code JAX-RS errors use too, and the reason phrase. */
  static ErrorBody body(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    String detail = "HTTP " + status + (known == null ? "" : " " + known.getReasonPhrase());
    return new ErrorBody(Errors.code(status), detail, null);
  }
}
