package org.supportinbox.gateway.api.websocket;

import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import org.supportinbox.auth.Caller;
import org.supportinbox.gateway.application.LoginService;
import org.supportinbox.gateway.application.RevocationUnavailableException;
import org.supportinbox.gateway.config.GatewayConfig;
import org.supportinbox.platform.Lazy;
import org.supportinbox.platform.LazyBean;
import org.supportinbox.platform.SharedConfig;

/**
 * The handshake of {@code /ws}: a page from an origin outside {@code ALLOWED_ORIGINS} is refused
 * (403); the token comes from {@code Sec-WebSocket-Protocol: bearer, <token>} (never the URL) and
 * is verified like a REST request's. A socket without a valid token is closed with 1008 as it
 * opens, before it receives anything. The token is never logged.
 */
public class SocketConfigurator extends ServerEndpointConfig.Configurator {

  private static final Lazy<SharedConfig> SHARED = LazyBean.of(SharedConfig.class);
  private static final Lazy<LoginService> LOGINS = LazyBean.of(LoginService.class);
  private static final Lazy<GatewayConfig> CONFIG = LazyBean.of(GatewayConfig.class);

  static final String CALLER = "inbox.caller";
  static final String PROBLEM = "inbox.problem";
  static final String UNAVAILABLE = "inbox.unavailable";

  /** The handshake's X-Forwarded-For values (a list, maybe empty), for {@code TRUSTED_PROXIES}. */
  static final String FORWARDED_FOR = "inbox.forwarded_for";

  @Override
  public boolean checkOrigin(String origin) {
    return origin == null || config().allowedOrigins().contains(origin);
  }

  @Override
  public void modifyHandshake(
      ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
    // The socket's peer is only known once it opens (InboxSocket): the header is kept for then, and
    // read only if that peer is a trusted proxy.
    sec.getUserProperties().put(FORWARDED_FOR, forwardedFor(request));
    String token = token(request);
    if (token == null) {
      sec.getUserProperties()
          .put(PROBLEM, "missing token (Sec-WebSocket-Protocol: bearer, <token>)");
      return;
    }
    try {
      Caller caller = SHARED.get().verifier().verify(token);
      if (LOGINS.get().revoked(caller)) {
        sec.getUserProperties().put(PROBLEM, "the token was revoked");
        return;
      }
      sec.getUserProperties().put(CALLER, caller);
    } catch (ParseException e) {
      sec.getUserProperties().put(PROBLEM, "invalid or expired token");
    } catch (RevocationUnavailableException e) {
      // Fail closed, as REST answers 503: the socket is closed with 1013 (try again later).
      sec.getUserProperties().put(UNAVAILABLE, e.getMessage());
    }
  }

  /**
   * The token of {@code Sec-WebSocket-Protocol: bearer, <token>}. A token in the query string is
   * not read: URLs end up in proxy and access logs, and a token there would too.
   */
  private static String token(HandshakeRequest request) {
    List<String> protocols = request.getHeaders().get(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL);
    if (protocols != null) {
      List<String> values =
          protocols.stream()
              .flatMap(h -> java.util.Arrays.stream(h.split(",")))
              .map(String::strip)
              .toList();
      int bearer = values.indexOf("bearer");
      if (bearer >= 0 && bearer + 1 < values.size()) {
        return values.get(bearer + 1);
      }
    }
    return null;
  }

  /** Every X-Forwarded-For value of the handshake, in order (header names are case-blind). */
  private static List<String> forwardedFor(HandshakeRequest request) {
    if (config().trustedProxies().isEmpty()) {
      return List.of();
    }
    return request.getHeaders().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase("X-Forwarded-For"))
        .flatMap(e -> e.getValue().stream())
        .toList();
  }

  private static GatewayConfig config() {
    return CONFIG.get();
  }
}
