package org.supportinbox.gateway.api.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.auth.Caller;

/**
 * One connected socket and its bounded send queue. Frames go out one at a time, asynchronously, so
 * a slow client never holds up the thread that fans events out. When the queue is full (a slow or
 * stuck client) the socket is given up: the queue is dropped and, as soon as the frame in flight
 * has gone out, the socket is closed with 1013 so that the client reconnects and resyncs. A frame
 * that cannot go out within the send timeout ({@code WS_SEND_TIMEOUT_MS}) ends the socket too; a
 * client that never reads again then only sees the connection drop (1006).
 *
 * <p>The close waits for the frame in flight because Tyrus, asked to close while a write is
 * pending, cancels that write and drops the connection without a close frame.
 */
final class SocketClient {

  private static final Logger LOG = Logger.getLogger(SocketClient.class.getName());

  static final CloseReason.CloseCode TRY_AGAIN_LATER = CloseReason.CloseCodes.getCloseCode(1013);

  final Session session;
  final Caller caller;
  private final BlockingQueue<String> queue;
  private boolean sending;
  private boolean tooSlow;

  SocketClient(Session session, Caller caller, int capacity, long sendTimeoutMillis) {
    this.session = session;
    this.caller = caller;
    this.queue = new ArrayBlockingQueue<>(capacity);
    session.getAsyncRemote().setSendTimeout(sendTimeoutMillis);
  }

  boolean isOperator() {
    return !caller.hasRole(org.supportinbox.auth.Roles.CUSTOMER);
  }

  /** Queues a frame; never blocks. */
  void send(String frame) {
    boolean closeNow;
    synchronized (this) {
      if (tooSlow) {
        return;
      }
      if (queue.offer(frame)) {
        closeNow = false;
      } else {
        tooSlow = true;
        queue.clear();
        closeNow = !sending;
        LOG.info(() -> "socket too slow, closing (1013) user=" + caller.subject());
      }
    }
    if (closeNow) {
      close(TRY_AGAIN_LATER, "too slow: reconnect and resync");
    } else {
      next();
    }
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
    session.getAsyncRemote().sendText(frame, this::sent);
  }

  private void sent(SendResult result) {
    boolean giveUp;
    synchronized (this) {
      sending = false;
      giveUp = tooSlow;
    }
    if (!result.isOK()) {
      LOG.log(
          Level.FINE,
          "send failed or timed out; closing user=" + caller.subject(),
          result.getException());
      // 1006 may not be sent in a close frame (RFC 6455, 7.4.1); the client reconnects either way.
      close(TRY_AGAIN_LATER, "send failed or timed out: reconnect and resync");
    } else if (giveUp) {
      close(TRY_AGAIN_LATER, "too slow: reconnect and resync");
    } else {
      next();
    }
  }

  void close(CloseReason.CloseCode code, String reason) {
    synchronized (this) {
      queue.clear();
    }
    try {
      if (session.isOpen()) {
        session.close(new CloseReason(code, reason));
      }
    } catch (IOException | IllegalStateException e) {
      LOG.log(Level.FINE, "closing a socket failed; it is gone anyway", e);
    }
  }
}
