package org.supportinbox.hostile;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (the JDK's) on the gateway's {@code /ws} that records the frames it
 * receives (batches unpacked) and how the server closed it.
 */
final class Socket implements WebSocket.Listener, AutoCloseable {

  /** The close code when the connection ended without a close frame. */
  static final int NO_CLOSE_FRAME = -1;

  final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private volatile String closeReason;
  private WebSocket socket;

  private Socket() {}

  /**
   * Opens {@code /ws} with the token as the UI sends it, {@code Sec-WebSocket-Protocol: bearer,
   * <token>} (none if null), and {@code Origin} (none if null); throws {@link
   * WebSocketHandshakeException} (in a {@link CompletionException}) if the handshake fails.
   */
  static Socket open(String baseUrl, String token, String origin) {
    return open(baseUrl, "/ws", token, origin);
  }

  /**
   * Opens {@code /ws?token=<token>} without a subprotocol: the URL form of the token, which the
   * gateway no longer reads (URLs end up in proxy and access logs).
   */
  static Socket openWithTokenInUrl(String baseUrl, String token, String origin) {
    return open(baseUrl, "/ws?token=" + token, null, origin);
  }

  private static Socket open(String baseUrl, String path, String token, String origin) {
    Socket probe = new Socket();
    WebSocket.Builder builder =
        HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    if (token != null) {
      builder.subprotocols("bearer", token);
    }
    if (origin != null) {
      builder.header("Origin", origin);
    }
    URI uri = URI.create(baseUrl.replace("http://", "ws://") + path);
    probe.socket = builder.buildAsync(uri, probe).join();
    return probe;
  }

  /** The HTTP status of a refused handshake, or 0 if the socket opened. */
  static int handshakeStatus(String baseUrl, String token, String origin) {
    try (Socket s = open(baseUrl, token, origin)) {
      return 0;
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw e;
    }
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      JsonObject frame = Json.createReader(new StringReader(partial.toString())).readObject();
      if ("batch".equals(frame.getString("type"))) {
        frame.getJsonArray("data").getValuesAs(JsonObject.class).forEach(frames::add);
      } else {
        frames.add(frame);
      }
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeReason = reason;
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.complete(NO_CLOSE_FRAME);
  }

  /** The next frame of {@code type}, skipping others, within {@code seconds}; null if none. */
  JsonObject next(String type, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      JsonObject f = frames.poll(100, TimeUnit.MILLISECONDS);
      if (f != null && type.equals(f.getString("type"))) {
        return f;
      }
    }
    return null;
  }

  /** The server's close code, waiting up to {@code seconds}. */
  int closeCode(int seconds) throws Exception {
    return closed.get(seconds, TimeUnit.SECONDS);
  }

  String closeReason() {
    return closeReason;
  }

  boolean isClosed() {
    return closed.isDone();
  }

  /** Sends a text frame; false if the socket was closed under it. */
  boolean send(String text) {
    try {
      socket.sendText(text, true).join();
      return true;
    } catch (CompletionException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }
}
