package org.supportinbox.gateway.api.websocket;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The messages that sockets send, each built once for every socket that sends the same frames.
 *
 * <p>An event's frame is one {@code String} that {@link SocketHub} makes once and hands to every
 * socket that may see it. With coalescing ({@code WS_COALESCE_MS}), every operator socket that
 * keeps up has the same frames queued at the hub's tick, in the same order, so the {@code batch}
 * message of the first socket written is the message of all of them: it is built (and, for binary
 * messages, encoded to UTF-8) once and the same message goes to each. Frames are compared by
 * identity, never by content, so a socket can only ever be handed a message made of its own frames:
 * a customer's frames, or one operator's {@code conversation.read}, are other objects than the
 * operators' shared ones and get a message of their own. A few recent messages are kept, so that
 * sockets of different queues written in turn (a slow socket with more queued, a customer) do not
 * push the common one out.
 */
final class SharedBatches {

  /** Messages kept for reuse; sockets of one tick rarely have more than two different queues. */
  static final int RECENT = 4;

  /**
   * A message and the frames it was built from, in order: its text, and its UTF-8 bytes when
   * messages go out binary (null otherwise).
   */
  record Message(String[] frames, String text, byte[] utf8) {}

  private final boolean binary;

  // Guarded by this.
  private final Message[] recent = new Message[RECENT];
  private int next;

  /** {@code binary}: messages go out as binary WebSocket messages of UTF-8, encoded here once. */
  SharedBatches(boolean binary) {
    this.binary = binary;
  }

  /**
   * The message carrying {@code frames}, in order: the frame itself when it is one (a JSON object
   * already), else {@code {"type":"batch","data":[frame, ...]}}, spliced, not re-encoded.
   */
  Message message(List<String> frames) {
    if (frames.size() == 1 && !binary) {
      return new Message(null, frames.get(0), null); // the hub's own String: nothing to build
    }
    synchronized (this) {
      for (Message m : recent) {
        if (m != null && sameFrames(m.frames(), frames)) {
          return m;
        }
      }
    }
    // Built outside the lock: two sockets may build the same message at once; both are right.
    String text = frames.size() == 1 ? frames.get(0) : batch(frames);
    Message built =
        new Message(
            frames.toArray(String[]::new),
            text,
            binary ? text.getBytes(StandardCharsets.UTF_8) : null);
    synchronized (this) {
      recent[next] = built;
      next = (next + 1) % RECENT;
    }
    return built;
  }

  private static boolean sameFrames(String[] a, List<String> b) {
    if (a.length != b.size()) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b.get(i)) { // identity: the hub's one String per event
        return false;
      }
    }
    return true;
  }

  static String batch(List<String> frames) {
    int size = 26 + frames.size();
    for (String f : frames) {
      size += f.length();
    }
    StringBuilder b = new StringBuilder(size).append("{\"type\":\"batch\",\"data\":[");
    for (int i = 0; i < frames.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(frames.get(i));
    }
    return b.append("]}").toString();
  }
}
