package org.supportinbox.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The security headers of every answer of every service (UI files, API answers, the /ws handshake,
 * and the container's own errors, which reach it as ERROR dispatches to {@link ErrorPageServlet}).
 * The Content-Security-Policy allows nothing but this origin (and {@code blob:} images: a message's
 * image file, fetched by the UI with its token and drawn from an object URL): no inline script or
 * style, no plugins, no framing (but the chat page by the sites in {@code WIDGET_ALLOWED_ORIGINS},
 * as the embeddable widget's frame); {@code connect-src} names ws/wss of the host the browser asked
 * for, since older browsers do not count WebSocket URLs as {@code 'self'}.
 *
 * <p>Registered for every WAR that bundles this jar by its {@code META-INF/web-fragment.xml}, for
 * the REQUEST, ASYNC and ERROR dispatches.
 */
public class SecurityHeadersFilter extends HttpFilter {

  /** A Host header that can go into the policy as it is: name or IP literal, optional port. */
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?");

  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
          + " font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'; connect-src 'self'";

  /** The one page other sites may frame (the chat, as the embeddable widget's frame). */
  static final String WIDGET_PAGE = "/chat.html";

  /** An origin as {@code WIDGET_ALLOWED_ORIGINS} lists it: scheme, host, optional port. */
  static final Pattern ORIGIN =
      Pattern.compile("https?://([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?");

  /**
   * {@code WIDGET_ALLOWED_ORIGINS}: the sites that may frame {@link #WIDGET_PAGE}; none by default.
   */
  private List<String> widgetOrigins = List.of();

  @Override
  public void init() throws ServletException {
    widgetOrigins =
        widgetOrigins(
            ConfigProvider.getConfig()
                .getOptionalValue("WIDGET_ALLOWED_ORIGINS", String.class)
                .orElse(""));
  }

  /** The well-formed origins of a comma-separated list (the gateway refuses to start otherwise). */
  static List<String> widgetOrigins(String list) {
    return Arrays.stream(list.split(","))
        .map(String::strip)
        .filter(o -> ORIGIN.matcher(o).matches())
        .toList();
  }

  /** The policy for a request that named {@code host} (its Host header, may be null). */
  static String policy(String host) {
    if (host == null || !HOST.matcher(host).matches()) {
      return POLICY;
    }
    return POLICY + " ws://" + host + " wss://" + host;
  }

  /**
   * The policy of the widget's frame: as {@link #policy}, but the listed sites (and this origin)
   * may frame it. Only that page: the operator UI and every other answer stay {@code 'none'}.
   */
  static String widgetPolicy(String host, List<String> origins) {
    return policy(host)
        .replace("frame-ancestors 'none'", "frame-ancestors 'self' " + String.join(" ", origins));
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    boolean framable =
        !widgetOrigins.isEmpty()
            && (request.getContextPath() + WIDGET_PAGE).equals(request.getRequestURI());
    String host = request.getHeader("Host");
    response.setHeader(
        "Content-Security-Policy", framable ? widgetPolicy(host, widgetOrigins) : policy(host));
    response.setHeader("X-Content-Type-Options", "nosniff");
    if (!framable) {
      // X-Frame-Options has no allow-list; frame-ancestors (above) is the rule for the widget.
      response.setHeader("X-Frame-Options", "DENY");
    }
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    chain.doFilter(request, response);
  }
}
