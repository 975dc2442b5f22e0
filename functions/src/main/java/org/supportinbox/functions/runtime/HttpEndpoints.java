package org.supportinbox.functions.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.supportinbox.contracts.rest.ErrorBody;

/**
 * {@code GET /health} (no authentication, for orchestrators: 200 when the function consumes, 503
 * otherwise, with the checks as JSON) and {@code GET /metrics} (Prometheus text; needs {@code
 * Authorization: Bearer <METRICS_TOKEN>}, and is off while no token is configured) on {@code
 * BIND_ADDRESS:FUNCTION_HTTP_PORT}, served by the JDK's HTTP server.
 */
public final class HttpEndpoints implements AutoCloseable {

  /** One readiness check: its name, whether it passes, and a word on its state. */
  public record Check(String name, boolean up, String detail) {}

  private final HttpServer server;
  private final FunctionMetrics metrics;
  private final byte[] metricsToken;
  private final Supplier<java.util.List<Check>> checks;

  public HttpEndpoints(
      String bindAddress,
      int port,
      FunctionMetrics metrics,
      String metricsToken,
      Supplier<java.util.List<Check>> checks)
      throws IOException {
    this.metrics = metrics;
    this.metricsToken =
        metricsToken == null ? null : ("Bearer " + metricsToken).getBytes(StandardCharsets.UTF_8);
    this.checks = checks;
    server = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
    server.createContext("/", this::handle);
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "function-http");
              t.setDaemon(true);
              return t;
            }));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!exchange.getRequestMethod().equals("GET")) {
        error(exchange, 405, "method_not_allowed", "only GET is served here");
      } else if (path.equals("/health")) {
        health(exchange);
      } else if (path.equals("/metrics")) {
        metrics(exchange);
      } else {
        error(exchange, 404, "not_found", "no such path; try /health or /metrics");
      }
    }
  }

  /** The body of {@code /health}: {@code {"status":"UP","checks":{"broker":{...},...}}}. */
  record Health(String status, Map<String, CheckView> checks) {}

  /** One check in {@link Health}. */
  record CheckView(String status, String detail) {}

  private static String status(boolean up) {
    return up ? "UP" : "DOWN";
  }

  private void health(HttpExchange exchange) throws IOException {
    boolean up = true;
    // Named by the check, in the order checked.
    Map<String, CheckView> details = new LinkedHashMap<>();
    for (Check c : checks.get()) {
      up &= c.up();
      details.put(c.name(), new CheckView(status(c.up()), c.detail()));
    }
    send(
        exchange,
        up ? 200 : 503,
        "application/json",
        Json.MAPPER.writeValueAsBytes(new Health(status(up), details)));
  }

  private void metrics(HttpExchange exchange) throws IOException {
    if (metricsToken == null) {
      error(exchange, 403, "forbidden", "metrics are off: set METRICS_TOKEN to turn them on");
      return;
    }
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null
        || !MessageDigest.isEqual(metricsToken, auth.getBytes(StandardCharsets.UTF_8))) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"support-inbox\"");
      error(exchange, 401, "unauthorized", "send Authorization: Bearer <METRICS_TOKEN>");
      return;
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    metrics.write(text);
    send(exchange, 200, metrics.contentType(), text.toByteArray());
  }

  private static void error(HttpExchange exchange, int status, String code, String detail)
      throws IOException {
    send(
        exchange,
        status,
        "application/json",
        Json.MAPPER.writeValueAsBytes(new ErrorBody(code, detail, null)));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
