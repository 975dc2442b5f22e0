package org.supportinbox.chaos;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One operator's inbox as the real UI keeps it: a socket on a gateway's {@code /ws} (through that
 * gateway's {@code WebSocketCuttingProxy}) and a view of every conversation's messages with their
 * AI status. Like the UI, it loads the view from the REST API when the socket opens (after every
 * reconnect) and when the gateway says {@code resync}, and applies pushed events idempotently:
 * {@code message.created} adds a message it does not have, {@code ai.completed} sets a terminal
 * status, {@code ai.requested} sets {@code processing}. Everything (frames, resyncs) runs on one
 * thread in arrival order, so frames that arrive during a resync are applied after it.
 */
final class OperatorClient implements AutoCloseable {

  private final String name;
  private final String baseUrl;
  private final String socketUrl;
  private final String origin;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder()
          // HTTP/1.1 as browsers speak it here; the JDK's default h2c upgrade attempt is not.
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .build();
  private final ExecutorService worker;

  /** Opens sockets, so that reconnecting never waits behind a resync. */
  private final ExecutorService connector;

  /** conversation id -> message ids in arrival order (a doubled id would show here). */
  private final Map<String, List<String>> messages = new LinkedHashMap<>();

  /** message id -> AI status ("processing", "available", "unavailable", or "none"). */
  private final Map<String, String> aiStatus = new HashMap<>();

  private final AtomicInteger connects = new AtomicInteger();
  private final AtomicInteger resyncs = new AtomicInteger();
  private final AtomicInteger resyncFrames = new AtomicInteger();
  private final AtomicInteger drops = new AtomicInteger();
  private volatile WebSocket socket;
  private volatile boolean closing;

  /**
   * {@code baseUrl}: the gateway, for REST; {@code proxyUrl}: its WebSocket-cutting proxy, whose
   * origin is the page's, for the socket.
   */
  OperatorClient(String name, String baseUrl, String proxyUrl, String token) {
    this.name = name;
    this.baseUrl = baseUrl;
    this.socketUrl = proxyUrl.replaceFirst("^http", "ws") + "/ws";
    this.origin = proxyUrl;
    this.token = token;
    this.worker = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
    this.connector = Executors.newSingleThreadExecutor(r -> new Thread(r, name + "-connect"));
  }

  String name() {
    return name;
  }

  /** Opens the socket (retrying), then resyncs; returns at once, the work is on its threads. */
  void connect() {
    connector.execute(this::openSocket);
  }

  private void openSocket() {
    long backoff = 200;
    while (!closing) {
      try {
        socket =
            http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .header("Origin", origin)
                // The token as the UI sends it; the gateway reads no token from the URL.
                .subprotocols("bearer", token)
                .buildAsync(URI.create(socketUrl), new Listener())
                .get(10, TimeUnit.SECONDS);
        connects.incrementAndGet();
        // The socket is open before the view is loaded, so nothing between is missed. Frames
        // that were queued before this resync are older than its snapshot: harmless.
        worker.execute(this::resync);
        return;
      } catch (Exception e) {
        if (closing) {
          return;
        }
        Log.say(name + ": socket did not open (" + e.getClass().getSimpleName() + "), retrying");
        sleep(backoff);
        backoff = Math.min(5000, backoff * 2);
      }
    }
  }

  /** Loads the whole view from the REST API, retrying until it succeeds. */
  private void resync() {
    long backoff = 200;
    while (!closing) {
      try {
        Map<String, List<String>> loaded = new LinkedHashMap<>();
        Map<String, String> status = new HashMap<>();
        String cursor = null;
        do {
          JsonObject page =
              get(
                  "/conversations?limit=100"
                      + (cursor == null
                          ? ""
                          : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
          for (JsonObject c : page.getJsonArray("items").getValuesAs(JsonObject.class)) {
            String id = c.getString("conversation_id");
            JsonObject thread = get("/conversations/" + id);
            List<String> ids = new ArrayList<>();
            for (JsonObject m : thread.getJsonArray("messages").getValuesAs(JsonObject.class)) {
              ids.add(m.getString("id"));
              JsonValue ai = m.get("ai");
              status.put(
                  m.getString("id"),
                  ai == null || ai.getValueType() == JsonValue.ValueType.NULL
                      ? "none"
                      : ai.asJsonObject().getString("status"));
            }
            loaded.put(id, ids);
          }
          JsonValue next = page.get("next_cursor");
          cursor =
              next == null || next.getValueType() == JsonValue.ValueType.NULL
                  ? null
                  : page.getString("next_cursor");
        } while (cursor != null);
        messages.clear();
        messages.putAll(loaded);
        aiStatus.clear();
        aiStatus.putAll(status);
        resyncs.incrementAndGet();
        return;
      } catch (IOException | RuntimeException e) {
        Log.say(name + ": resync failed (" + e + "), retrying");
        sleep(backoff);
        backoff = Math.min(5000, backoff * 2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private JsonObject get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + r.statusCode() + " " + r.body());
    }
    return Json.createReader(new StringReader(r.body())).readObject();
  }

  private void frame(JsonObject frame) {
    String type = frame.getString("type", "");
    switch (type) {
      case "batch":
        for (JsonObject f : frame.getJsonArray("data").getValuesAs(JsonObject.class)) {
          frame(f);
        }
        break;
      case "resync":
        resyncFrames.incrementAndGet();
        resync();
        break;
      case "message.created":
        {
          JsonObject d = frame.getJsonObject("data");
          String id = d.getString("message_id");
          List<String> ids =
              messages.computeIfAbsent(d.getString("conversation_id"), k -> new ArrayList<>());
          if (!ids.contains(id)) {
            ids.add(id);
          }
          aiStatus.putIfAbsent(
              id, "customer".equals(d.getString("sender")) ? "processing" : "none");
          break;
        }
      case "ai.requested":
        aiStatus.put(frame.getJsonObject("data").getString("message_id"), "processing");
        break;
      case "ai.completed":
        {
          JsonObject d = frame.getJsonObject("data");
          aiStatus.put(d.getString("message_id"), d.getString("status"));
          break;
        }
      default:
        // hello, conversation.updated, pong: nothing in the view changes.
        break;
    }
  }

  /**
   * A copy of the view, read on the client's own thread, or null when that thread is busy for more
   * than 20 s (a resync that cannot finish): the checker then counts the view as empty.
   */
  View view() throws InterruptedException, java.util.concurrent.ExecutionException {
    try {
      return viewWithin();
    } catch (java.util.concurrent.TimeoutException e) {
      Log.say(name + ": no view within 20 s (its thread is busy resyncing)");
      return null;
    }
  }

  private View viewWithin()
      throws InterruptedException,
          java.util.concurrent.ExecutionException,
          java.util.concurrent.TimeoutException {
    return worker
        .submit(
            () -> {
              Map<String, List<String>> m = new LinkedHashMap<>();
              messages.forEach((k, v) -> m.put(k, List.copyOf(v)));
              return new View(m, Map.copyOf(aiStatus));
            })
        .get(20, TimeUnit.SECONDS);
  }

  record View(Map<String, List<String>> messages, Map<String, String> aiStatus) {}

  int connects() {
    return connects.get();
  }

  int resyncs() {
    return resyncs.get();
  }

  int resyncFrames() {
    return resyncFrames.get();
  }

  int drops() {
    return drops.get();
  }

  @Override
  public void close() {
    closing = true;
    WebSocket s = socket;
    if (s != null) {
      s.abort();
    }
    worker.shutdownNow();
    connector.shutdownNow();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean ended;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        JsonObject frame = Json.createReader(new StringReader(text)).readObject();
        worker.execute(() -> frame(frame));
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      lost("closed " + statusCode + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      lost("error " + error);
    }

    private void lost(String why) {
      if (ended || closing) {
        return;
      }
      ended = true;
      drops.incrementAndGet();
      Log.say(name + ": socket lost (" + why + "), reconnecting");
      connector.execute(OperatorClient.this::openSocket);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
