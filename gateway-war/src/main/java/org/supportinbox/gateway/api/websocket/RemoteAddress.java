package org.supportinbox.gateway.api.websocket;

import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The peer address of a socket. The WebSocket API has no portable way to ask; Tyrus, the
 * implementation inside Payara, answers {@code TyrusSession.getRemoteAddr()}, read here by
 * reflection so that the gateway does not compile against Tyrus.
 */
final class RemoteAddress {

  private static final Logger LOG = Logger.getLogger(RemoteAddress.class.getName());

  private RemoteAddress() {}

  /** The address, or {@code "unknown"} (then all such sockets share one message budget). */
  static String of(Session session) {
    try {
      Method m = session.getClass().getMethod("getRemoteAddr");
      Object address = m.invoke(session);
      if (address != null) {
        return address.toString();
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "cannot read a socket's remote address; counted as unknown", e);
    }
    return "unknown";
  }
}
