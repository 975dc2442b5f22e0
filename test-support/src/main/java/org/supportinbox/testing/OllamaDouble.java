package org.supportinbox.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A stand-in for an Ollama server, for tests only: no model can run on the test machines. It speaks
 * the part of Ollama's HTTP API (https://github.com/ollama/ollama/blob/main/docs/api.md) that
 * clients such as ollama4j use, with the same paths, JSON fields and error shapes:
 *
 * <ul>
 *   <li>{@code GET /} ("Ollama is running"), {@code GET /api/version}, {@code GET /api/tags}
 *   <li>{@code POST /api/generate} and {@code POST /api/chat}, streamed (NDJSON chunks, the last
 *       with {@code "done": true} and timings) or not ({@code "stream": false}: one object)
 *   <li>an unknown model: {@code 404 {"error": "model \"x\" not found, try pulling it first"}}
 * </ul>
 *
 * <p>What the "model" answers is scripted per call ({@link #script}), with a latency ({@link
 * #latency}); {@link #unreachable()} closes the port so clients get "connection refused" until
 * {@link #reachable()}. Every generate/chat call is recorded ({@link #calls()}).
 */
public final class OllamaDouble implements AutoCloseable {

  /** One generate or chat request as the double received it. */
  public record Call(
      String path,
      String model,
      String system,
      String prompt,
      boolean stream,
      JsonObject options,
      JsonValue format,
      String keepAlive,
      JsonObject body) {}

  /** What the model does with one call. */
  public sealed interface Reply {}

  /** Answer with this text as the model's output. */
  public record Text(String response) implements Reply {}

  /** Answer with an HTTP error status and Ollama's error body {@code {"error": message}}. */
  public record Failure(int status, String message) implements Reply {}

  /** Answer with this status and a raw body (for example a proxy's HTML error page). */
  public record Raw(int status, String contentType, String body) implements Reply {}

  public static Reply text(String response) {
    return new Text(response);
  }

  public static Reply failure(int status, String message) {
    return new Failure(status, message);
  }

  /** A well-formed analysis, the kind a good model returns. */
  public static final String VALID_INSIGHT =
      "{\"intent\":\"billing\",\"summary\":\"The customer reports a wrong invoice.\","
          + "\"suggested_reply\":\"Sorry about that, I am checking your invoice now.\","
          + "\"sentiment\":\"negative\",\"urgency\":\"high\"}";

  private final Set<String> models;
  private final int port;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final ExecutorService executor = Executors.newCachedThreadPool(daemon());
  private volatile Function<Call, Reply> script = call -> text(VALID_INSIGHT);
  private volatile Duration latency = Duration.ZERO;
  private HttpServer server;

  private OllamaDouble(Set<String> models, int port) throws IOException {
    this.models = Set.copyOf(models);
    this.server = bind(port);
    this.port = server.getAddress().getPort();
  }

  /** A double on a free loopback port that has these models pulled. */
  public static OllamaDouble start(String... models) {
    return start(0, models);
  }

  /** A double on {@code port} (0: any free port) that has these models pulled. */
  public static OllamaDouble start(int port, String... models) {
    try {
      return new OllamaDouble(Set.of(models), port);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Ollama double", e);
    }
  }

  /** Base URL, as {@code OLLAMA_URL} takes it. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** How the model answers from now on; the function sees each call. */
  public OllamaDouble script(Function<Call, Reply> script) {
    this.script = script;
    return this;
  }

  /** Answer these replies in turn, then repeat the last one. */
  public OllamaDouble replies(Reply... replies) {
    AtomicInteger next = new AtomicInteger();
    List<Reply> list = List.of(replies);
    return script(call -> list.get(Math.min(next.getAndIncrement(), list.size() - 1)));
  }

  /** Time the model "thinks" before answering, per call. */
  public OllamaDouble latency(Duration latency) {
    this.latency = latency;
    return this;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Forgets the recorded calls and the concurrency high-water mark. */
  public void reset() {
    calls.clear();
    maxInFlight.set(0);
  }

  /** The most generate/chat calls that were being answered at the same moment. */
  public int maxConcurrentCalls() {
    return maxInFlight.get();
  }

  /** Close the port: clients get "connection refused" until {@link #reachable()}. */
  public synchronized void unreachable() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Listen again, on the same port. */
  public synchronized void reachable() {
    if (server == null) {
      try {
        server = bind(port);
      } catch (IOException e) {
        throw new IllegalStateException("cannot listen on port " + port + " again", e);
      }
    }
  }

  @Override
  public void close() {
    unreachable();
    executor.shutdownNow();
  }

  private HttpServer bind(int port) throws IOException {
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    s.createContext("/", this::handle);
    s.setExecutor(executor);
    s.start();
    return s;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (method.equals("GET") && path.equals("/")) {
        send(exchange, 200, "text/plain; charset=utf-8", "Ollama is running");
      } else if (method.equals("GET") && path.equals("/api/version")) {
        sendJson(exchange, 200, Json.createObjectBuilder().add("version", "0.12.6").build());
      } else if (method.equals("GET") && path.equals("/api/tags")) {
        sendJson(exchange, 200, tags());
      } else if (method.equals("POST")
          && (path.equals("/api/generate") || path.equals("/api/chat"))) {
        generate(exchange, path);
      } else {
        send(exchange, 404, "text/plain; charset=utf-8", "404 page not found");
      }
    }
  }

  private JsonObject tags() {
    var list = Json.createArrayBuilder();
    for (String model : models) {
      list.add(
          Json.createObjectBuilder()
              .add("name", model)
              .add("model", model)
              .add("modified_at", "2026-11-01T10:00:00.000000000Z")
              .add("size", 2_176_178_913L)
              .add("digest", Integer.toHexString(model.hashCode()))
              .add(
                  "details",
                  Json.createObjectBuilder()
                      .add("parent_model", "")
                      .add("format", "gguf")
                      .add("family", "double")
                      .add("families", Json.createArrayBuilder().add("double"))
                      .add("parameter_size", "3.8B")
                      .add("quantization_level", "Q4_0")));
    }
    return Json.createObjectBuilder().add("models", list).build();
  }

  private void generate(HttpExchange exchange, String path) throws IOException {
    JsonObject body;
    try (InputStream in = exchange.getRequestBody();
        JsonReader reader =
            Json.createReader(
                new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)))) {
      body = reader.readObject();
    } catch (RuntimeException e) {
      sendJson(exchange, 400, error("invalid request body: " + e.getMessage()));
      return;
    }
    String model = body.getString("model", "");
    boolean chat = path.equals("/api/chat");
    Call call =
        new Call(
            path,
            model,
            chat ? chatText(body, "system") : body.getString("system", null),
            chat ? chatText(body, "user") : body.getString("prompt", ""),
            body.getBoolean("stream", true),
            body.containsKey("options") && body.get("options") instanceof JsonObject o ? o : null,
            body.get("format"),
            body.containsKey("keep_alive") ? body.get("keep_alive").toString() : null,
            body);
    calls.add(call);
    if (!models.contains(model)) {
      sendJson(exchange, 404, error("model \"" + model + "\" not found, try pulling it first"));
      return;
    }
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      Reply reply = script.apply(call);
      sleep(latency);
      if (reply instanceof Text t) {
        answer(exchange, call, chat, t.response());
      } else if (reply instanceof Failure f) {
        sendJson(exchange, f.status(), error(f.message()));
      } else if (reply instanceof Raw r) {
        send(exchange, r.status(), r.contentType(), r.body());
      }
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** The generated text, streamed in a few chunks or in one object, as Ollama does. */
  private void answer(HttpExchange exchange, Call call, boolean chat, String text)
      throws IOException {
    if (!call.stream()) {
      sendJson(exchange, 200, chunk(call.model(), chat, text, true));
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      for (String piece : pieces(text)) {
        out.write(
            (chunk(call.model(), chat, piece, false) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      out.write((chunk(call.model(), chat, "", true) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static List<String> pieces(String text) {
    List<String> pieces = new ArrayList<>();
    int step = Math.max(1, text.length() / 4);
    for (int i = 0; i < text.length(); ) {
      int end = Math.min(text.length(), i + step);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end++;
      }
      pieces.add(text.substring(i, end));
      i = end;
    }
    return pieces;
  }

  private static JsonObject chunk(String model, boolean chat, String text, boolean done) {
    JsonObjectBuilder b =
        Json.createObjectBuilder().add("model", model).add("created_at", Instant.now().toString());
    if (chat) {
      b.add("message", Json.createObjectBuilder().add("role", "assistant").add("content", text));
    } else {
      b.add("response", text);
    }
    b.add("done", done);
    if (done) {
      b.add("done_reason", "stop")
          .add("total_duration", 1_000_000L)
          .add("load_duration", 100_000L)
          .add("prompt_eval_count", 42)
          .add("prompt_eval_duration", 200_000L)
          .add("eval_count", 64)
          .add("eval_duration", 700_000L);
      if (!chat) {
        b.add("context", Json.createArrayBuilder().add(1).add(2).add(3));
      }
    }
    return b.build();
  }

  private static String chatText(JsonObject body, String role) {
    StringBuilder text = new StringBuilder();
    if (body.get("messages") instanceof jakarta.json.JsonArray messages) {
      for (JsonValue m : messages) {
        if (m instanceof JsonObject o && role.equals(o.getString("role", ""))) {
          text.append(o.getString("content", ""));
        }
      }
    }
    return text.toString();
  }

  private static JsonObject error(String message) {
    return Json.createObjectBuilder().add("error", message).build();
  }

  private static void sendJson(HttpExchange exchange, int status, JsonObject body)
      throws IOException {
    send(exchange, status, "application/json; charset=utf-8", body.toString());
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "ollama-double-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Runs a double standalone, for benchmarks: {@code OllamaDouble [port] [latency-ms] [model…]}.
   * Answers every call with {@link #VALID_INSIGHT}; stops when the process is stopped.
   */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    long latencyMs = args.length > 1 ? Long.parseLong(args[1]) : 0;
    String[] models =
        args.length > 2
            ? java.util.Arrays.copyOfRange(args, 2, args.length)
            : new String[] {"phi3:mini"};
    OllamaDouble d = start(port, models).latency(Duration.ofMillis(latencyMs));
    System.out.println("ollama double listening on " + d.url() + " latency_ms=" + latencyMs);
    Thread.currentThread().join();
  }
}
