package org.supportinbox.gateway.api.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.auth.Caller;

/**
 * One connected socket and its bounded send queue, with one write in flight at a time.
 *
 * <p>Writes are asynchronous: the fan-out hands a frame to every socket without waiting for any.
 * Every message goes out as a binary WebSocket message of UTF-8 JSON, built and encoded once for
 * all sockets that send the same frames ({@link SharedBatches}). Frames that queue up go out
 * together, as one {@code {"type":"batch","data":[frame, ...]}} message (a write costs about the
 * same whether it carries one frame or fifty): those that came while a write was in flight, from
 * that write's completion; and with coalescing on ({@code WS_COALESCE_MS}), those that came since
 * the hub's last tick, which starts the write, or at once when {@link #COALESCE_FRAMES} have queued
 * (so a late tick never lets the queue fill). Without coalescing a frame for an idle socket goes
 * out at once. Writes to one socket never overlap: the next is started on the thread that completed
 * the previous one, or by a thread that found none in flight (Tyrus's servlet writer lost
 * completions when writes to one socket overlapped).
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

  /** Frames after which a coalescing socket writes without waiting for the tick. */
  static final int COALESCE_FRAMES = 16;

  /**
   * The context class loader while a frame is handed to Tyrus: one that finds no service at all.
   * Tyrus (2.1.5) re-arms the session's idle timer on every frame sent, even with the idle timeout
   * off, by scheduling a task on Payara's managed scheduler; capturing that task's context makes
   * Payara look up {@code ThreadContextProvider} services through the thread's context class
   * loader, which scans every JAR of the application and of the runtime, once per frame and socket
   * (JFR during ./inbox bench: 12 % of the gateway's CPU samples with a single operator socket).
   * With this loader the lookup finds nothing at once; the task only finds the timeout off and
   * ends, and needs no context.
   */
  private static final ClassLoader NO_SERVICES = new ClassLoader(null) {};

  /** The application's loader, for what the completion of a write runs (close, the next write). */
  private static final ClassLoader APPLICATION = SocketClient.class.getClassLoader();

  final Session session;
  final Caller caller;

  /** The seat this socket holds in the per-user cap over all instances, once added. */
  java.util.UUID seat;

  private final int capacity;
  private final boolean coalesce;
  private final SharedBatches batches;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  // Guarded by this: a write is in flight; why the socket was given up (null while it is not).
  private boolean busy;
  private CloseReason ending;

  /**
   * {@code coalesce}: frames for an idle socket wait for {@link #flushQueued()} (the hub's tick) or
   * until {@link #COALESCE_FRAMES} have queued, instead of going out at once.
   */
  SocketClient(
      Session session,
      Caller caller,
      int capacity,
      long sendTimeoutMillis,
      boolean coalesce,
      SharedBatches batches) {
    this.session = session;
    this.caller = caller;
    this.capacity = capacity;
    this.coalesce = coalesce;
    this.batches = batches;
    session.getAsyncRemote().setSendTimeout(sendTimeoutMillis);
  }

  /** Operators and admins, by an allow-list of roles (open() refuses everybody else). */
  boolean isOperator() {
    return caller.isOperator();
  }

  /** Queues a frame and starts a write if none is in flight; never waits for the socket. */
  void send(String frame) {
    boolean full;
    synchronized (this) {
      if (ending != null) {
        return;
      }
      full = queue.size() >= capacity;
      if (!full) {
        queue.add(frame);
        if (busy || (coalesce && queue.size() < COALESCE_FRAMES)) {
          return;
        }
        busy = true;
      }
    }
    if (full) {
      LOG.info(() -> "socket too slow, closing (1013) user=" + caller.subject());
      end(TRY_AGAIN_LATER, "too slow: reconnect and resync");
    } else {
      flush();
    }
  }

  /**
   * Starts a write of what has queued, unless one is in flight (then its completion will); whether
   * it started one.
   */
  boolean flushQueued() {
    synchronized (this) {
      if (busy || ending != null || queue.isEmpty()) {
        return false;
      }
      busy = true;
    }
    flush();
    return true;
  }

  /**
   * Gives the socket up: drops what is queued and closes it with {@code code} once the write in
   * flight, if any, has gone out (so that the client gets the close frame).
   */
  void end(CloseReason.CloseCode code, String reason) {
    CloseReason now;
    synchronized (this) {
      if (ending != null) {
        return;
      }
      ending = new CloseReason(code, reason);
      queue.clear();
      now = busy ? null : ending;
    }
    if (now != null) {
      close(now.getCloseCode(), now.getReasonPhrase());
    }
  }

  /** Whether the socket was given up and is closing. */
  synchronized boolean ending() {
    return ending != null;
  }

  /**
   * Writes everything queued (up to a batch's limits) as one message, the same {@code String} as
   * every other socket that sends the same frames ({@link SharedBatches}).
   */
  private void flush() {
    List<String> frames;
    synchronized (this) {
      if (queue.isEmpty() || !session.isOpen()) {
        busy = false;
        return;
      }
      frames = drain();
    }
    SharedBatches.Message message = batches.message(frames);
    if (message.utf8() != null) {
      // A buffer of its own per socket (its position moves) over the one shared array, which Tyrus
      // copies into the frame it writes and never changes.
      ByteBuffer bytes = ByteBuffer.wrap(message.utf8());
      withContextLoader(NO_SERVICES, () -> session.getAsyncRemote().sendBinary(bytes, this::sent));
    } else {
      String text = message.text();
      withContextLoader(NO_SERVICES, () -> session.getAsyncRemote().sendText(text, this::sent));
    }
  }

  /** Runs {@code r} with {@code loader} as the thread's context class loader, then restores it. */
  private static void withContextLoader(ClassLoader loader, Runnable r) {
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      r.run();
    } finally {
      t.setContextClassLoader(previous);
    }
  }

  /**
   * Guarded by this. The frames of the next message, oldest first: at most {@link #MAX_BATCH}, and
   * no more once {@link #MAX_BATCH_CHARS} are reached.
   */
  private List<String> drain() {
    List<String> frames = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
    int chars = 0;
    while (frames.size() < MAX_BATCH && !queue.isEmpty() && chars < MAX_BATCH_CHARS) {
      String frame = queue.poll();
      frames.add(frame);
      chars += frame.length() + 1;
    }
    return frames;
  }

  /**
   * A write completed, possibly inside {@code sendBinary} on the same thread (so under {@link
   * #NO_SERVICES}): what follows (a close, which runs the endpoint's callbacks; the next write)
   * runs with the application's loader.
   */
  private void sent(SendResult result) {
    withContextLoader(APPLICATION, () -> completed(result));
  }

  private void completed(SendResult result) {
    CloseReason giveUp;
    boolean more;
    synchronized (this) {
      giveUp = ending;
      more = giveUp == null && result.isOK() && !queue.isEmpty();
      busy = more;
    }
    if (!result.isOK()) {
      LOG.log(
          Level.FINE,
          "send failed or timed out; closing user=" + caller.subject(),
          result.getException());
      // 1006 may not be sent in a close frame (RFC 6455, 7.4.1); the client reconnects either way.
      close(TRY_AGAIN_LATER, "send failed or timed out: reconnect and resync");
    } else if (giveUp != null) {
      close(giveUp.getCloseCode(), giveUp.getReasonPhrase());
    } else if (more) {
      flush();
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
