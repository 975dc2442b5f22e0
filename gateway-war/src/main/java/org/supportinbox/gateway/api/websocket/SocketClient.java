package org.supportinbox.gateway.api.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.auth.Caller;

/**
 * One connected socket and its bounded send queue. Frames are sent one at a time, asynchronously; a
 * socket whose queue fills up (a slow or stuck client) is closed with 1013, so it never slows the
 * others, and its client reconnects and resyncs.
 */
final class SocketClient {

  private static final Logger LOG = Logger.getLogger(SocketClient.class.getName());

  static final CloseReason.CloseCode TRY_AGAIN_LATER = CloseReason.CloseCodes.getCloseCode(1013);

  final Session session;
  final Caller caller;
  private final BlockingQueue<String> queue;
  private boolean sending;

  SocketClient(Session session, Caller caller, int capacity) {
    this.session = session;
    this.caller = caller;
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  boolean isOperator() {
    return !caller.hasRole(org.supportinbox.auth.Roles.CUSTOMER);
  }

  void send(String frame) {
    if (!queue.offer(frame)) {
      close(TRY_AGAIN_LATER, "too slow: reconnect and resync");
      return;
    }
    next();
  }

  private synchronized void next() {
    if (sending || !session.isOpen()) {
      return;
    }
    String frame = queue.poll();
    if (frame == null) {
      return;
    }
    sending = true;
    session
        .getAsyncRemote()
        .sendText(
            frame,
            result -> {
              synchronized (this) {
                sending = false;
              }
              if (!result.isOK()) {
                LOG.log(Level.FINE, "send failed; closing", result.getException());
                close(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed");
                return;
              }
              next();
            });
  }

  void close(CloseReason.CloseCode code, String reason) {
    queue.clear();
    try {
      if (session.isOpen()) {
        session.close(new CloseReason(code, reason));
      }
    } catch (IOException | IllegalStateException e) {
      LOG.log(Level.FINE, "closing a socket failed; it is gone anyway", e);
    }
  }
}
