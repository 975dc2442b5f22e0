package org.supportinbox.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The security headers of every answer of every service (UI files, API answers, the /ws handshake,
 * and the container's own errors, which reach it as ERROR dispatches to {@link ErrorPageServlet}).
 * The Content-Security-Policy allows nothing but this origin: no inline script or style, no
 * plugins, no framing; {@code connect-src} names ws/wss of the host the browser asked for, since
 * older browsers do not count WebSocket URLs as {@code 'self'}.
 *
 * <p>Registered for every WAR that bundles this jar by its {@code META-INF/web-fragment.xml}, for
 * the REQUEST, ASYNC and ERROR dispatches.
 */
public class SecurityHeadersFilter extends HttpFilter {

  /** A Host header that can go into the policy as it is: name or IP literal, optional port. */
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?");

  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'; connect-src 'self'";

  /** The policy for a request that named {@code host} (its Host header, may be null). */
  static String policy(String host) {
    if (host == null || !HOST.matcher(host).matches()) {
      return POLICY;
    }
    return POLICY + " ws://" + host + " wss://" + host;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("Content-Security-Policy", policy(request.getHeader("Host")));
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    chain.doFilter(request, response);
  }
}
