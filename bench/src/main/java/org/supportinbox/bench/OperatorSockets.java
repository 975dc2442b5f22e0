package org.supportinbox.bench;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * N operator WebSockets on the gateway's {@code /ws} (the JDK's client), all with one operator
 * token and an {@code Origin} the gateway allows. Each frame of an awaited type ({@code
 * message.created}, {@code ai.completed}) is handed to the {@link Deliveries} of its type with the
 * instant it was complete; every frame is counted by type.
 */
final class OperatorSockets implements AutoCloseable {

  /** Sockets per HTTP client: each client has one selector thread reading its sockets. */
  private static final int SOCKETS_PER_CLIENT = 50;

  private static final int CLOSE_SAMPLES = 5;

  private final Map<String, Deliveries> deliveriesByType;
  private final List<WebSocket> sockets = new ArrayList<>();
  private final Map<String, LongAdder> framesByType = new ConcurrentHashMap<>();
  private final AtomicInteger closed = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> closeSamples = new ConcurrentLinkedQueue<>();
  private volatile boolean closing;

  private OperatorSockets(Map<String, Deliveries> deliveriesByType) {
    this.deliveriesByType = Map.copyOf(deliveriesByType);
  }

  /**
   * Opens {@code count} sockets and waits until each has received its {@code hello} frame, at most
   * {@code timeout} in all. {@code deliveriesByType}: the frame types awaited, each with where its
   * frames go.
   */
  static OperatorSockets open(
      URI gateway,
      String token,
      String origin,
      int count,
      Map<String, Deliveries> deliveriesByType,
      Duration timeout)
      throws InterruptedException {
    OperatorSockets s = new OperatorSockets(deliveriesByType);
    URI ws = URI.create(gateway.toString().replaceFirst("^http", "ws") + "/ws");
    List<CompletableFuture<Void>> hellos = new ArrayList<>();
    HttpClient client = null;
    for (int i = 0; i < count; i++) {
      if (i % SOCKETS_PER_CLIENT == 0) {
        client = HttpClient.newHttpClient();
      }
      Listener listener = s.new Listener();
      hellos.add(listener.hello);
      // One handshake at a time: 200 at once would measure the gateway's accept queue instead.
      CompletableFuture<WebSocket> opened =
          client
              .newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .header("Origin", origin)
              .subprotocols("bearer", token)
              .buildAsync(ws, listener);
      try {
        s.sockets.add(opened.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        s.close();
        throw new IllegalStateException("socket " + (i + 1) + " of " + count + " did not open", e);
      }
    }
    try {
      CompletableFuture.allOf(hellos.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      long missing =
          hellos.stream().filter(h -> !h.isDone() || h.isCompletedExceptionally()).count();
      s.close();
      throw new IllegalStateException(missing + " of " + count + " sockets got no hello frame", e);
    }
    return s;
  }

  int opened() {
    return sockets.size();
  }

  /** Sockets the gateway (or the network) closed or broke since they opened. */
  int closedSinceOpen() {
    return closed.get();
  }

  /** The first few closes and errors: close code and reason, or the exception. */
  List<String> closeSamples() {
    return List.copyOf(closeSamples);
  }

  /** Frames received by all sockets, by type, since they opened. */
  Map<String, Long> framesByType() {
    Map<String, Long> out = new TreeMap<>();
    framesByType.forEach((type, n) -> out.put(type, n.sum()));
    return out;
  }

  @Override
  public void close() {
    closing = true;
    for (WebSocket s : sockets) {
      s.sendClose(WebSocket.NORMAL_CLOSURE, "benchmark done")
          .orTimeout(5, TimeUnit.SECONDS)
          .whenComplete((ws, failure) -> s.abort());
    }
  }

  private void ended(String what) {
    if (closing) {
      return; // closed by close(), not by the gateway
    }
    closed.incrementAndGet();
    if (closeSamples.size() < CLOSE_SAMPLES) {
      closeSamples.add(what);
    }
  }

  /** One socket: puts its frames together and hands each on when it is complete. */
  private final class Listener implements WebSocket.Listener {
    final CompletableFuture<Void> hello = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean ended;

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      if (!last) {
        partial.append(data);
      } else {
        long now = System.nanoTime();
        String frame;
        if (partial.length() == 0) {
          frame = data.toString();
        } else {
          frame = partial.append(data).toString();
          partial.setLength(0);
        }
        received(frame, now);
      }
      socket.request(1);
      return null;
    }

    private void received(String text, long nanos) {
      JsonObject frame = JsonText.object(text);
      if ("batch".equals(frame.getString("type", null))) {
        // Frames that queued up for this socket, coalesced by the gateway into one message.
        framesByType.computeIfAbsent("(batch messages)", t -> new LongAdder()).increment();
        for (JsonObject f : frame.getJsonArray("data").getValuesAs(JsonObject.class)) {
          one(f, nanos);
        }
      } else {
        one(frame, nanos);
      }
    }

    private void one(JsonObject frame, long nanos) {
      String type = frame.getString("type", null);
      String key = type == null ? "(no type)" : type;
      framesByType.computeIfAbsent(key, t -> new LongAdder()).increment();
      Deliveries awaited = type == null ? null : deliveriesByType.get(type);
      if (awaited != null) {
        JsonObject data = frame.getJsonObject("data");
        String messageId = data == null ? null : data.getString("message_id", null);
        if (messageId != null) {
          awaited.frame(messageId, nanos);
        }
      } else if ("hello".equals(type)) {
        hello.complete(null);
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      if (!ended) {
        ended = true;
        ended("closed " + statusCode + " " + reason);
      }
      hello.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      if (!ended) {
        ended = true;
        ended(error.getClass().getSimpleName() + ": " + error.getMessage());
      }
      hello.completeExceptionally(error);
    }
  }
}
