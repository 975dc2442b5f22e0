package org.supportinbox.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of RabbitMQ's management HTTP API that service-users.sh calls, carried out with
 * rabbitmqctl on the local broker, which runs without the management plugin (and the shared test
 * broker is not reconfigured to get it). It speaks the API's protocol: HTTP basic auth as the
 * admin, {@code GET /api/whoami}, and {@code PUT /api/users/{user}}, {@code
 * /api/permissions/{vhost}/{user}} and {@code /api/topic-permissions/{vhost}/{user}} with the API's
 * JSON bodies, percent-encoded path segments, 201 for a new object and 204 for an updated one, 400
 * with the reason when the broker refuses, 401 without the admin's credentials.
 *
 * <p>Since the broker is shared, every user name gets {@code suffix} on the broker ({@code
 * messaging} becomes {@code messaging-<suffix>}); {@link #close()} deletes the users it created.
 */
final class RabbitMqManagementDouble implements AutoCloseable {

  /** One request as the double understood it: method, decoded path segments, JSON body. */
  record Call(String method, List<String> path, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String authorization;
  private final String suffix;
  private final Set<String> created = new LinkedHashSet<>();
  private final Set<String> permissionsSet = new LinkedHashSet<>();
  private final List<Call> calls = new ArrayList<>();

  private RabbitMqManagementDouble(String adminUser, String adminPassword, String suffix) {
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((adminUser + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
    this.suffix = suffix;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the management API double", e);
    }
    server.createContext("/api/", this::handle);
    server.start();
  }

  static RabbitMqManagementDouble start(String adminUser, String adminPassword, String suffix) {
    return new RabbitMqManagementDouble(adminUser, adminPassword, suffix);
  }

  /** What {@code RABBITMQ_MANAGEMENT_URL} is for the script. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The name {@code user} of the file has on the broker. */
  String brokerUser(String user) {
    return user + "-" + suffix;
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        reply(exchange, 401, "{\"error\":\"not_authorised\",\"reason\":\"Login failed\"}");
        return;
      }
      List<String> path = new ArrayList<>();
      for (String segment : exchange.getRequestURI().getRawPath().split("/")) {
        if (!segment.isEmpty()) {
          path.add(URLDecoder.decode(segment, StandardCharsets.UTF_8));
        }
      }
      byte[] raw = exchange.getRequestBody().readAllBytes();
      JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
      Call call = new Call(exchange.getRequestMethod(), List.copyOf(path), body);
      synchronized (this) {
        calls.add(call);
      }
      try {
        answer(exchange, call);
      } catch (Rabbitmqctl.Failed | IllegalArgumentException e) {
        reply(
            exchange,
            400,
            JSON.writeValueAsString(Map.of("error", "bad_request", "reason", e.getMessage())));
      }
    }
  }

  private void answer(HttpExchange exchange, Call call) throws IOException {
    List<String> path = call.path();
    String route = call.method() + " " + (path.size() > 1 ? path.get(1) : "") + "/" + path.size();
    switch (route) {
      case "GET whoami/2" ->
          reply(exchange, 200, "{\"name\":\"admin\",\"tags\":[\"administrator\"]}");
      case "PUT users/3" -> {
        String user = brokerUser(path.get(2));
        String password = text(call.body(), "password");
        if (!text(call.body(), "tags").isEmpty()) {
          throw new IllegalArgumentException("a service user gets no tags");
        }
        boolean isNew;
        synchronized (this) {
          isNew = !created.contains(user);
        }
        if (isNew) {
          Rabbitmqctl.run("add_user", user, password);
          synchronized (this) {
            created.add(user);
          }
        } else {
          Rabbitmqctl.run("change_password", user, password);
        }
        Rabbitmqctl.run("set_user_tags", user);
        reply(exchange, isNew ? 201 : 204, "");
      }
      case "PUT permissions/4" -> {
        String vhost = path.get(2);
        String user = brokerUser(path.get(3));
        Rabbitmqctl.run(
            "set_permissions",
            "-p",
            vhost,
            user,
            text(call.body(), "configure"),
            text(call.body(), "write"),
            text(call.body(), "read"));
        reply(exchange, firstTime("permissions " + vhost + " " + user) ? 201 : 204, "");
      }
      case "PUT topic-permissions/4" -> {
        String vhost = path.get(2);
        String user = brokerUser(path.get(3));
        String exchangeName = text(call.body(), "exchange");
        Rabbitmqctl.run(
            "set_topic_permissions",
            "-p",
            vhost,
            user,
            exchangeName,
            text(call.body(), "write"),
            text(call.body(), "read"));
        reply(
            exchange,
            firstTime("topic " + vhost + " " + user + " " + exchangeName) ? 201 : 204,
            "");
      }
      default -> reply(exchange, 404, "{\"error\":\"Object Not Found\",\"reason\":\"Not Found\"}");
    }
  }

  private synchronized boolean firstTime(String key) {
    return permissionsSet.add(key);
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body == null ? null : body.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("the body has no text field " + field);
    }
    return value.asText();
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("content-type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  /** Stops serving and deletes every user it created on the broker. */
  @Override
  public void close() {
    server.stop(0);
    List<String> users;
    synchronized (this) {
      users = List.copyOf(created);
    }
    Map<String, String> failed = new LinkedHashMap<>();
    for (String user : users) {
      try {
        Rabbitmqctl.run("delete_user", user);
      } catch (RuntimeException e) {
        failed.put(user, e.getMessage());
      }
    }
    if (!failed.isEmpty()) {
      throw new IllegalStateException("could not delete the test's broker users: " + failed);
    }
  }
}
