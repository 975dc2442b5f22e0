package org.supportinbox.gateway.api.websocket;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.supportinbox.web.WireJson;

/** A real WebSocket client (the JDK's) that records the frames it receives and how it closed. */
final class SocketProbe implements WebSocket.Listener, AutoCloseable {

  final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();

  /** Batch messages received (each unpacked into {@link #frames}). */
  volatile int batches;

  private final boolean reading;
  WebSocket socket;

  private SocketProbe(boolean reading) {
    this.reading = reading;
  }

  static SocketProbe connect(String baseUrl, String token, String origin) {
    return connect(baseUrl, token, origin, true);
  }

  /**
   * A client that reads nothing until {@link #resume()}: the server's frames pile up in TCP buffers
   * and then in its send queue for this socket, as with a stuck browser tab.
   */
  static SocketProbe connectStalled(String baseUrl, String token, String origin) {
    return connect(baseUrl, token, origin, false);
  }

  private static SocketProbe connect(String baseUrl, String token, String origin, boolean reading) {
    SocketProbe probe = new SocketProbe(reading);
    WebSocket.Builder builder =
        HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    if (token != null) {
      // As the UI sends it: Sec-WebSocket-Protocol: bearer, <token> (never the URL).
      builder.subprotocols("bearer", token);
    }
    if (origin != null) {
      builder.header("Origin", origin);
    }
    probe.socket =
        builder.buildAsync(URI.create(baseUrl.replace("http://", "ws://") + "/ws"), probe).join();
    return probe;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    if (reading) {
      webSocket.request(1);
    }
  }

  /** Starts reading (a stalled client): every frame the server got out is now received. */
  void resume() {
    socket.request(Long.MAX_VALUE);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      JsonObject frame = WireJson.object(partial.toString());
      if ("batch".equals(frame.getString("type"))) {
        batches++;
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
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.complete(-1);
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

  int closeCode(int seconds) throws Exception {
    return closed.get(seconds, TimeUnit.SECONDS);
  }

  void send(String text) {
    socket.sendText(text, true).join();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }
}
