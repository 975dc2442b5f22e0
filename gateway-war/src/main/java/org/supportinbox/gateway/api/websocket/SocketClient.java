package org.supportinbox.gateway.api.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.auth.Caller;

/**
 * One connected socket and its bounded send queue.
 *
 * <p>Whoever produces a frame (the fan-out, the socket's own requests) only queues it; a flusher
 * thread writes it, so a slow client never holds up the fan-out. Frames that queued up while a
 * write was in flight go out together as one {@code {"type":"batch","data":[frame, ...]}} message:
 * alone when the socket keeps up, coalesced under load, which is what lets one instance serve many
 * sockets (each write costs the same whether it carries one frame or fifty).
 *
 * <p>When the queue is full (a slow or stuck client) the socket is given up: the queue is dropped
 * and, as soon as the write in flight has gone out, the socket is closed with 1013 so that the
 * client reconnects and resyncs. A write that cannot go out within the send timeout ({@code
 * WS_SEND_TIMEOUT_MS}) ends the socket too; a client that never reads again then only sees the
 * connection drop (1006). The close waits for the write in flight because Tyrus, asked to close
 * while a write is pending, cancels that write and drops the connection without a close frame.
 */
final class SocketClient {

  private static final Logger LOG = Logger.getLogger(SocketClient.class.getName());

  static final CloseReason.CloseCode TRY_AGAIN_LATER = CloseReason.CloseCodes.getCloseCode(1013);

  /** Most frames, and about the most characters, in one batch message. */
  static final int MAX_BATCH = 64;

  static final int MAX_BATCH_CHARS = 256 * 1024;

  final Session session;
  final Caller caller;
  private final int capacity;
  private final Executor flusher;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  // Guarded by this: a flush is scheduled or a write is in flight; the socket was given up.
  private boolean busy;
  private boolean tooSlow;

  SocketClient(
      Session session, Caller caller, int capacity, long sendTimeoutMillis, Executor flusher) {
    this.session = session;
    this.caller = caller;
    this.capacity = capacity;
    this.flusher = flusher;
    session.getAsyncRemote().setSendTimeout(sendTimeoutMillis);
  }

  boolean isOperator() {
    return !caller.hasRole(org.supportinbox.auth.Roles.CUSTOMER);
  }

  /** Queues a frame; never blocks, never writes on the caller's thread. */
  void send(String frame) {
    boolean schedule;
    boolean giveUp = false;
    synchronized (this) {
      if (tooSlow) {
        return;
      }
      if (queue.size() >= capacity) {
        tooSlow = true;
        queue.clear();
        giveUp = !busy;
        schedule = false;
        LOG.info(() -> "socket too slow, closing (1013) user=" + caller.subject());
      } else {
        queue.add(frame);
        schedule = !busy;
        busy = true;
      }
    }
    if (giveUp) {
      close(TRY_AGAIN_LATER, "too slow: reconnect and resync");
    } else if (schedule) {
      flusher.execute(this::flush);
    }
  }

  /** Writes everything queued as one message (on the flusher). */
  private void flush() {
    String text;
    synchronized (this) {
      if (queue.isEmpty() || !session.isOpen()) {
        busy = false;
        return;
      }
      text = queue.size() == 1 ? queue.poll() : batch();
    }
    session.getAsyncRemote().sendText(text, this::sent);
  }

  // Guarded by this. Frames are JSON objects already: the batch is spliced, not re-encoded.
  private String batch() {
    StringBuilder b = new StringBuilder(8192).append("{\"type\":\"batch\",\"data\":[");
    for (int i = 0; i < MAX_BATCH && !queue.isEmpty() && b.length() < MAX_BATCH_CHARS; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(queue.poll());
    }
    return b.append("]}").toString();
  }

  private void sent(SendResult result) {
    boolean giveUp;
    boolean more;
    synchronized (this) {
      giveUp = tooSlow;
      more = !giveUp && result.isOK() && !queue.isEmpty();
      busy = more;
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
    } else if (more) {
      flusher.execute(this::flush);
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
