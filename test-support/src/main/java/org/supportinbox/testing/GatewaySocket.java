package org.supportinbox.testing;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.supportinbox.contracts.ws.Frame;
import org.supportinbox.contracts.ws.Hello;

/**
 * A client of the gateway's WebSocket {@code /ws} (the JDK's), as every test and test tool uses it:
 * the token as the UI sends it ({@code Sec-WebSocket-Protocol: bearer, <token>}), an {@code
 * Origin}, frames put together and batches unpacked, and the server's close code.
 *
 * <p>By default it records every frame in {@link #frames}, for tests that wait for a type ({@link
 * #next}) or look at everything a socket got. Under load ({@link Builder#receiver}) it hands each
 * frame on with the instant it was complete instead and records nothing. Either way it counts the
 * frames by type, knows the {@code hello} ({@link #hello}) and says once why the server or the
 * network ended it ({@link Builder#onEnd}). {@link Builder#stalled} reads nothing until {@link
 * #resume}, like a stuck browser tab.
 */
public final class GatewaySocket implements WebSocket.Listener, AutoCloseable {

  /** The close code when the connection ended without a close frame. */
  public static final int NO_CLOSE_FRAME = -1;

  /** Where the frames of a socket under load go, each with its {@link System#nanoTime()}. */
  @FunctionalInterface
  public interface Receiver {
    void received(JsonObject frame, long nanos);
  }

  /** Every frame received, batches unpacked, when no {@link Receiver} takes them. */
  public final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();

  private final Receiver receiver;
  private final Consumer<String> onEnd;
  private final boolean reading;
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final CompletableFuture<Hello> hello = new CompletableFuture<>();
  private final Map<String, LongAdder> framesByType = new ConcurrentHashMap<>();
  private final AtomicInteger batches = new AtomicInteger();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final StringBuilder partial = new StringBuilder();

  /** The parts of a binary message received so far (the gateway's frames are UTF-8 JSON). */
  private final java.io.ByteArrayOutputStream partialBytes = new java.io.ByteArrayOutputStream();

  private volatile String closeReason;
  private volatile boolean closing;
  private volatile WebSocket socket;

  private GatewaySocket(Builder b) {
    this.receiver = b.receiver;
    this.onEnd = b.onEnd;
    this.reading = !b.stalled;
  }

  /** A socket to the gateway at {@code baseUrl} ({@code http://host:port}), to be configured. */
  public static Builder to(String baseUrl) {
    return new Builder(baseUrl);
  }

  /**
   * Opens {@code /ws} with {@code token} (none if null) and {@code Origin} (none if null); throws
   * {@link WebSocketHandshakeException} in a {@link CompletionException} if the handshake fails.
   */
  public static GatewaySocket open(String baseUrl, String token, String origin) {
    return to(baseUrl).token(token).origin(origin).open();
  }

  /** The HTTP status of a refused handshake, or 0 if the socket opened (and was closed again). */
  public static int handshakeStatus(String baseUrl, String token, String origin) {
    try (GatewaySocket s = open(baseUrl, token, origin)) {
      return 0;
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw e;
    }
  }

  /** How a socket is opened. */
  public static final class Builder {
    private final String baseUrl;
    private String path = "/ws";
    private String token;
    private String origin;
    private boolean stalled;
    private Receiver receiver;
    private Consumer<String> onEnd = why -> {};
    private HttpClient client;
    private Duration connectTimeout = Duration.ofSeconds(5);

    private Builder(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    /** The token, as a subprotocol ({@code bearer, <token>}); null: none. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** The page's origin; null: no {@code Origin} header, as a tool that is no browser. */
    public Builder origin(String origin) {
      this.origin = origin;
      return this;
    }

    /** Another path than {@code /ws}, e.g. with a query. */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** Reads nothing until {@link #resume()}: frames pile up in the server's send queue. */
    public Builder stalled() {
      this.stalled = true;
      return this;
    }

    /** Hands every frame to {@code receiver} (on the socket's thread) instead of recording it. */
    public Builder receiver(Receiver receiver) {
      this.receiver = receiver;
      return this;
    }

    /**
     * Told once, with the close code and reason or the error, when the server or the network ends
     * the socket; not when {@link #close()} does.
     */
    public Builder onEnd(Consumer<String> onEnd) {
      this.onEnd = onEnd;
      return this;
    }

    /** The HTTP client (one selector thread reads all of its sockets); default: one of its own. */
    public Builder client(HttpClient client) {
      this.client = client;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Opens the socket, waiting for the handshake; see {@link GatewaySocket#open}. */
    public GatewaySocket open() {
      return openAsync().join();
    }

    public CompletableFuture<GatewaySocket> openAsync() {
      GatewaySocket s = new GatewaySocket(this);
      WebSocket.Builder b =
          (client == null ? HttpClient.newHttpClient() : client)
              .newWebSocketBuilder()
              .connectTimeout(connectTimeout);
      if (token != null) {
        // As the UI sends it; the gateway reads no token from the URL.
        b.subprotocols("bearer", token);
      }
      if (origin != null) {
        b.header("Origin", origin);
      }
      URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + path);
      return b.buildAsync(uri, s)
          .thenApply(
              ws -> {
                s.socket = ws;
                return s;
              });
    }
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    socket = webSocket;
    if (reading) {
      webSocket.request(1);
    }
  }

  /** Starts reading (a stalled client): every frame the server got out is now received. */
  public void resume() {
    socket.request(Long.MAX_VALUE);
  }

  /**
   * A binary message: the gateway sends its frames as UTF-8 JSON in binary messages, encoded once
   * for all sockets; read as the same text.
   */
  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    partialBytes.write(bytes, 0, bytes.length);
    if (last) {
      String text = partialBytes.toString(java.nio.charset.StandardCharsets.UTF_8);
      partialBytes.reset();
      received(text);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    if (!last) {
      partial.append(data);
    } else {
      String text;
      if (partial.length() == 0) {
        text = data.toString();
      } else {
        text = partial.append(data).toString();
        partial.setLength(0);
      }
      received(text);
    }
    webSocket.request(1);
    return null;
  }

  /** One whole message from the gateway: a frame, or a {@code batch} of frames. */
  private void received(String text) {
    long nanos = System.nanoTime();
    JsonObject frame = JsonWire.object(text);
    if (Frame.BATCH.equals(frame.getString("type", null))) {
      // Frames that queued up for this socket, coalesced by the gateway into one message.
      batches.incrementAndGet();
      for (JsonObject f : frame.getJsonArray("data").getValuesAs(JsonObject.class)) {
        one(f, nanos);
      }
    } else {
      one(frame, nanos);
    }
  }

  private void one(JsonObject frame, long nanos) {
    String type = frame.getString("type", null);
    framesByType
        .computeIfAbsent(type == null ? "(no type)" : type, t -> new LongAdder())
        .increment();
    if (Hello.TYPE.equals(type) && !hello.isDone()) {
      try {
        hello.complete(data(frame, Hello.class));
      } catch (RuntimeException e) {
        // A hello that is no Hello: whoever waits for it learns why; the frame is kept as any.
        hello.completeExceptionally(e);
      }
    }
    if (receiver != null) {
      receiver.received(frame, nanos);
    } else {
      frames.add(frame);
    }
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeReason = reason;
    ended("closed " + statusCode + " " + reason);
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    ended(error.getClass().getSimpleName() + ": " + error.getMessage());
    closed.complete(NO_CLOSE_FRAME);
  }

  private void ended(String why) {
    hello.completeExceptionally(new IllegalStateException("socket ended: " + why));
    if (!closing && ended.compareAndSet(false, true)) {
      onEnd.accept(why);
    }
  }

  /** The {@code data} of a frame as a record of the contracts. */
  public static <T> T data(JsonObject frame, Class<T> type) {
    JsonValue data = frame.get("data");
    return data == null ? null : JsonWire.read(data, type);
  }

  /** The next recorded frame of {@code type}, skipping others, within {@code seconds}; or null. */
  public JsonObject next(String type, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      JsonObject f = frames.poll(100, TimeUnit.MILLISECONDS);
      if (f != null && type.equals(f.getString("type", null))) {
        return f;
      }
    }
    return null;
  }

  /** The {@code data} of the next frame of {@code type} as {@code dataType}; or null. */
  public <T> T next(String type, Class<T> dataType, int seconds) throws InterruptedException {
    JsonObject f = next(type, seconds);
    return f == null ? null : data(f, dataType);
  }

  /**
   * The {@code hello}, the first frame of every accepted socket, waiting up to {@code timeout};
   * throws if the socket ended first or it did not come.
   */
  public Hello hello(Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    return hello.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The server's close code ({@link #NO_CLOSE_FRAME} without one), waiting up to {@code seconds}.
   */
  public int closeCode(int seconds) throws Exception {
    return closed.get(seconds, TimeUnit.SECONDS);
  }

  public String closeReason() {
    return closeReason;
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  /** Frames received so far by type (batches unpacked), and {@code (batch messages)}. */
  public Map<String, Long> framesByType() {
    Map<String, Long> out = new TreeMap<>();
    framesByType.forEach((type, n) -> out.put(type, n.sum()));
    if (batches.get() > 0) {
      out.put("(batch messages)", (long) batches.get());
    }
    return out;
  }

  /** Sends a text frame; false if the socket was closed under it. */
  public boolean send(String text) {
    try {
      socket.sendText(text, true).join();
      return true;
    } catch (CompletionException e) {
      return false;
    }
  }

  /** Sends a frame record of the contracts (e.g. {@code Send}) in its wire form. */
  public boolean send(Object frame) {
    return send(JsonWire.write(frame));
  }

  /**
   * A close frame, then the connection dropped; never reported as an end ({@link Builder#onEnd}).
   */
  @Override
  public void close() {
    closing = true;
    WebSocket s = socket;
    if (s == null) {
      return;
    }
    if (!s.isOutputClosed()) {
      s.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
          .orTimeout(5, TimeUnit.SECONDS)
          .whenComplete((ws, failure) -> s.abort());
    } else {
      s.abort();
    }
  }
}
