package org.supportinbox.chaos;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.supportinbox.contracts.events.AiCompleted;
import org.supportinbox.contracts.events.AiRequested;
import org.supportinbox.contracts.events.MessageCreated;
import org.supportinbox.contracts.rest.ConversationPage;
import org.supportinbox.contracts.rest.ConversationSummary;
import org.supportinbox.contracts.rest.ConversationView;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.contracts.ws.Frame;
import org.supportinbox.testing.GatewaySocket;
import org.supportinbox.testing.JsonWire;

/**
 * One operator's inbox as the real UI keeps it: a socket on a gateway's {@code /ws} (test-support's
 * {@link GatewaySocket}, through that gateway's {@code WebSocketCuttingProxy}) and a view of every
 * conversation's messages with their AI status. Like the UI, it loads the view from the REST API
 * when the socket opens (after every reconnect) and when the gateway says {@code resync}, and
 * applies pushed events idempotently: {@code message.created} adds a message it does not have,
 * {@code ai.completed} sets a terminal status, {@code ai.requested} sets {@code processing}.
 * Everything (frames, resyncs) runs on one thread in arrival order, so frames that arrive during a
 * resync are applied after it.
 */
final class OperatorView implements AutoCloseable {

  private final String name;
  private final String baseUrl;
  private final String proxyUrl;
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

  /** When (epoch ms) each pushed message.created or ai.completed arrived, for the cluster run. */
  private final java.util.concurrent.ConcurrentLinkedQueue<Long> eventArrivals =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private volatile GatewaySocket socket;
  private volatile boolean closing;

  /**
   * {@code baseUrl}: the gateway, for REST; {@code proxyUrl}: its WebSocket-cutting proxy, whose
   * origin is the page's, for the socket.
   */
  OperatorView(String name, String baseUrl, String proxyUrl, String token) {
    this.name = name;
    this.baseUrl = baseUrl;
    this.proxyUrl = proxyUrl;
    this.token = token;
    this.worker = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
    this.connector = Executors.newSingleThreadExecutor(r -> new Thread(r, name + "-connect"));
  }

  String name() {
    return name;
  }

  /** When (epoch ms) each pushed {@code message.created} or {@code ai.completed} arrived. */
  List<Long> eventArrivals() {
    return List.copyOf(eventArrivals);
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
            GatewaySocket.to(proxyUrl)
                .token(token)
                .origin(proxyUrl)
                .client(http)
                .receiver(
                    (frame, nanos) -> {
                      String type = frame.getString("type", "");
                      if (MessageCreated.TYPE.equals(type) || AiCompleted.TYPE.equals(type)) {
                        eventArrivals.add(System.currentTimeMillis());
                      }
                      worker.execute(() -> frame(frame));
                    })
                .onEnd(this::lost)
                .openAsync()
                .get(10, TimeUnit.SECONDS);
        connects.incrementAndGet();
        // The socket is open before the view is loaded, so nothing between is missed. Frames
        // that were queued before this resync are older than its snapshot: harmless.
        worker.execute(this::resync);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        if (closing) {
          return;
        }
        Log.say(name + ": socket did not open (" + e.getClass().getSimpleName() + "), retrying");
        sleep(backoff);
        backoff = Math.min(5000, backoff * 2);
      }
    }
  }

  private void lost(String why) {
    if (closing) {
      return;
    }
    drops.incrementAndGet();
    Log.say(name + ": socket lost (" + why + "), reconnecting");
    connector.execute(this::openSocket);
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
          ConversationPage page =
              get(
                  "/conversations?limit=100"
                      + (cursor == null
                          ? ""
                          : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)),
                  ConversationPage.class);
          for (ConversationSummary c : page.items()) {
            String id = c.conversationId().toString();
            ConversationView thread = get("/conversations/" + id, ConversationView.class);
            List<String> ids = new ArrayList<>();
            for (MessageView m : thread.messages()) {
              ids.add(m.id().toString());
              status.put(m.id().toString(), m.ai() == null ? "none" : m.ai().status());
            }
            loaded.put(id, ids);
          }
          cursor = page.nextCursor();
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

  private <T> T get(String path, Class<T> type) throws IOException, InterruptedException {
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
    return JsonWire.read(r.body(), type);
  }

  /** One frame (batches come unpacked), on the worker thread. */
  private void frame(JsonObject frame) {
    switch (frame.getString("type", "")) {
      case Frame.RESYNC -> {
        resyncFrames.incrementAndGet();
        resync();
      }
      case MessageCreated.TYPE -> {
        MessageCreated e = GatewaySocket.data(frame, MessageCreated.class);
        String id = e.messageId().toString();
        List<String> ids =
            messages.computeIfAbsent(e.conversationId().toString(), k -> new ArrayList<>());
        if (!ids.contains(id)) {
          ids.add(id);
        }
        aiStatus.putIfAbsent(id, "customer".equals(e.sender()) ? "processing" : "none");
      }
      case AiRequested.TYPE ->
          aiStatus.put(
              GatewaySocket.data(frame, AiRequested.class).messageId().toString(), "processing");
      case AiCompleted.TYPE -> {
        AiCompleted e = GatewaySocket.data(frame, AiCompleted.class);
        aiStatus.put(e.messageId().toString(), e.status());
      }
      default -> {
        // hello, conversation.updated, pong: nothing in the view changes.
      }
    }
  }

  /**
   * A copy of the view, read on the client's own thread, or null when that thread is busy for more
   * than 20 s (a resync that cannot finish): the checker then counts the view as empty.
   */
  View view() throws InterruptedException, ExecutionException {
    try {
      return worker
          .submit(
              () -> {
                Map<String, List<String>> m = new LinkedHashMap<>();
                messages.forEach((k, v) -> m.put(k, List.copyOf(v)));
                return new View(m, Map.copyOf(aiStatus));
              })
          .get(20, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      Log.say(name + ": no view within 20 s (its thread is busy resyncing)");
      return null;
    }
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
    GatewaySocket s = socket;
    if (s != null) {
      s.close();
    }
    worker.shutdownNow();
    connector.shutdownNow();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
