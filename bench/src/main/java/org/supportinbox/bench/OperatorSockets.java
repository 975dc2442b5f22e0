package org.supportinbox.bench;

import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.supportinbox.testing.GatewaySocket;

/**
 * N operator sockets on the gateway's {@code /ws} (test-support's {@link GatewaySocket}), all with
 * one operator token and an {@code Origin} the gateway allows. Each frame of an awaited type
 * ({@code message.created}, {@code ai.completed}) is handed to the {@link Deliveries} of its type
 * with the instant it was complete; the sockets record nothing else, and count every frame by type.
 */
final class OperatorSockets implements AutoCloseable {

  /** Sockets per HTTP client: each client has one selector thread reading its sockets. */
  private static final int SOCKETS_PER_CLIENT = 50;

  private static final int CLOSE_SAMPLES = 5;

  private final List<GatewaySocket> sockets = new ArrayList<>();

  /** The sockets the gateway (or the network) ended, in that order: close code or error. */
  private final ConcurrentLinkedQueue<String> ends = new ConcurrentLinkedQueue<>();

  /**
   * Logs in as the gateway's admin ({@code --admin-user}, password {@code BENCH_ADMIN_PASSWORD})
   * and opens {@code count} sockets with its token on {@code --url}, {@code Origin} {@code
   * --origin}, as {@link #open(String, String, String, int, Map, Duration)}.
   */
  static OperatorSockets open(
      Options o,
      CustomerLoad customers,
      int count,
      Map<String, Deliveries> deliveriesByType,
      Duration timeout)
      throws InterruptedException {
    String token = customers.login(o.get("admin-user", "admin"), Options.adminPassword());
    return open(o.required("url"), token, o.required("origin"), count, deliveriesByType, timeout);
  }

  /**
   * Opens {@code count} sockets, one handshake at a time (200 at once would measure the gateway's
   * accept queue instead), each within {@code timeout}, then waits until each has received its
   * {@code hello}, at most {@code timeout} in all. {@code deliveriesByType}: the frame types
   * awaited, each with where its frames go.
   */
  static OperatorSockets open(
      String gateway,
      String token,
      String origin,
      int count,
      Map<String, Deliveries> deliveriesByType,
      Duration timeout)
      throws InterruptedException {
    OperatorSockets s = new OperatorSockets();
    GatewaySocket.Receiver receiver =
        (JsonObject frame, long nanos) -> {
          Deliveries awaited = deliveriesByType.get(frame.getString("type", ""));
          JsonObject data = awaited == null ? null : frame.getJsonObject("data");
          String messageId = data == null ? null : data.getString("message_id", null);
          if (messageId != null) {
            awaited.frame(messageId, nanos);
          }
        };
    HttpClient client = null;
    try {
      for (int i = 0; i < count; i++) {
        if (i % SOCKETS_PER_CLIENT == 0) {
          client = HttpClient.newHttpClient();
        }
        try {
          s.sockets.add(
              GatewaySocket.to(gateway)
                  .token(token)
                  .origin(origin)
                  .client(client)
                  .connectTimeout(Duration.ofSeconds(10))
                  .receiver(receiver)
                  .onEnd(s.ends::add)
                  .openAsync()
                  .get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
          throw new IllegalStateException(
              "socket " + (i + 1) + " of " + count + " did not open", e);
        }
      }
      int missing = 0;
      long deadline = System.nanoTime() + timeout.toNanos();
      for (GatewaySocket socket : s.sockets) {
        try {
          socket.hello(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (ExecutionException | TimeoutException e) {
          missing++;
        }
      }
      if (missing > 0) {
        throw new IllegalStateException(missing + " of " + count + " sockets got no hello frame");
      }
      return s;
    } catch (InterruptedException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /**
   * {@code GatewaySocket.framesByType()}'s count of batch messages, each holding several frames.
   */
  static final String BATCH_MESSAGES = "(batch messages)";

  /** What the sockets saw over the run. */
  record Seen(int opened, int closed, List<String> closeSamples, Map<String, Long> framesByType) {

    /** The line on the sockets opened, and those closed or broken before the end. */
    String openedLine() {
      return String.format(
          Locale.ROOT,
          "- %d opened, %d closed or failed before the end%s\n",
          opened,
          closed,
          closeSamples.isEmpty() ? "" : ": " + String.join("; ", closeSamples));
    }

    /**
     * Events received by all sockets: frames of every type, a batch's unpacked, not the batch
     * messages themselves ({@code GatewaySocket}'s {@code (batch messages)}).
     */
    long events() {
      return framesByType.entrySet().stream()
          .filter(e -> !e.getKey().equals(BATCH_MESSAGES))
          .mapToLong(Map.Entry::getValue)
          .sum();
    }

    /** Frames received, by type: {@code `type` n, ...}. */
    String byType() {
      if (framesByType.isEmpty()) {
        return Markdown.NONE;
      }
      List<String> parts = new ArrayList<>();
      framesByType.forEach((type, n) -> parts.add("`" + type + "` " + n));
      return String.join(", ", parts);
    }
  }

  /**
   * The sockets opened; those the gateway (or the network) ended since, the first few of them
   * (close code and reason, or the exception); the frames received by type.
   */
  Seen seen() {
    Map<String, Long> byType = new TreeMap<>();
    sockets.forEach(s -> s.framesByType().forEach((type, n) -> byType.merge(type, n, Long::sum)));
    return new Seen(
        sockets.size(), ends.size(), ends.stream().limit(CLOSE_SAMPLES).toList(), byType);
  }

  @Override
  public void close() {
    sockets.forEach(GatewaySocket::close);
  }
}
