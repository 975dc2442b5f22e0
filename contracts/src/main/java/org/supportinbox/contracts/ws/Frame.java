package org.supportinbox.contracts.ws;

/**
 * Every frame of {@code /ws}, either way: {@code {type, data}}. Several frames that go out together
 * are one {@code {"type": "batch", "data": [frame, ...]}}. The gateway sends its messages as binary
 * WebSocket messages holding the JSON in UTF-8 (encoded once for all sockets); clients send text.
 */
public record Frame<T>(String type, T data) {

  public static final String BATCH = "batch";
  public static final String ACK = "ack";
  public static final String PING = "ping";
  public static final String PONG = "pong";
  public static final String RESYNC = "resync";
}
