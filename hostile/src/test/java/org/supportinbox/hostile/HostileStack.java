package org.supportinbox.hostile;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.supportinbox.testing.FunctionUnderTest;
import org.supportinbox.testing.GatewayUnderTest;
import org.supportinbox.testing.OllamaDouble;
import org.supportinbox.testing.PayaraMicro;
import org.supportinbox.testing.TestDatabase;

/**
 * The system under attack, started once per test JVM and stopped at its exit: messaging and a
 * gateway instance on Payara Micro (test-support's {@link GatewayUnderTest}: fresh databases and
 * vhost, one shared JWT secret), one analyze function replica answering from an {@link
 * OllamaDouble}, and an operator account. Every attack goes to {@link #gateway}, the only service a
 * browser reaches; the WebSocket limits there are set low so that a test can hit them quickly.
 */
final class HostileStack {

  static final String OPERATOR = "oscar";
  static final String OPERATOR_PASSWORD = "hostile-operator-password-0123";

  /** The socket limits of {@link #gateway}, low enough to reach in a test. */
  static final int MAX_SOCKETS_PER_USER = 3;

  static final int FRAMES_PER_MINUTE = 60;

  /** The origin {@link #gateway} lets open /ws. */
  static final String ORIGIN = GatewayUnderTest.ALLOWED_ORIGIN;

  private static HostileStack instance;

  final GatewayUnderTest system;
  final PayaraMicro gateway;
  final OllamaDouble ollama;
  final FunctionUnderTest function;

  private HostileStack() throws IOException {
    system = GatewayUnderTest.get();
    ollama = OllamaDouble.start("phi3:mini");
    PayaraMicro startedGateway = null;
    FunctionUnderTest startedFunction = null;
    try {
      startedGateway =
          system.startInstance(
              "gateway-hostile",
              Map.of(
                  "WS_MAX_SOCKETS_PER_USER",
                  Integer.toString(MAX_SOCKETS_PER_USER),
                  "WS_FRAME_RATE_PER_MINUTE",
                  Integer.toString(FRAMES_PER_MINUTE),
                  // Brute force is shown by the lock-out per user name (3 free failures, locks
                  // of 1 s doubling up to 4 s: GatewayUnderTest's settings), not this limit.
                  "LOGIN_RATE_PER_MINUTE",
                  "1000",
                  "CUSTOMER_START_RATE_PER_MINUTE",
                  "1000",
                  // Each attack is followed by a customer's normal message.
                  "CUSTOMER_MESSAGE_RATE_PER_MINUTE",
                  "1000"));
      Map<String, String> env = FunctionUnderTest.environment(system.messaging, ollama.url());
      env.put("AI_RETRY_DELAYS", "1s");
      startedFunction = FunctionUnderTest.start("ai-function-hostile", env);
      gateway = startedGateway;
      function = startedFunction.awaitHealthy(Duration.ofSeconds(120));
      createOperator();
    } catch (RuntimeException e) {
      if (startedFunction != null) {
        startedFunction.close();
      }
      if (startedGateway != null) {
        startedGateway.close();
      }
      ollama.close();
      throw e;
    }
  }

  /** The running stack, started on first use. */
  static synchronized HostileStack get() {
    if (instance == null) {
      try {
        HostileStack s = new HostileStack();
        Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "hostile-stack-stop"));
        instance = s;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /** The gateway's API. */
  RequestSpecification api() {
    return given().baseUri(gateway.baseUrl()).contentType(ContentType.JSON);
  }

  RequestSpecification api(String token) {
    return api().header("Authorization", "Bearer " + token);
  }

  String login(String username, String password) {
    return api()
        .body(json(Map.of("username", username, "password", password)))
        .post("/login")
        .then()
        .statusCode(200)
        .extract()
        .path("access_token");
  }

  String operatorToken() {
    return login(OPERATOR, OPERATOR_PASSWORD);
  }

  String adminToken() {
    return login(GatewayUnderTest.ADMIN, system.adminPassword);
  }

  /** A new conversation from a customer, as the chat widget starts it: its whole answer. */
  JsonPath startConversation(String name, String content) {
    return api()
        .body(json(Map.of("name", name, "content", content)))
        .post("/customer/conversations")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  /** A conversation as operators read it. */
  JsonPath conversation(String token, String conversationId) {
    return api(token)
        .get("/conversations/" + conversationId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /**
   * Rows in the tables a request could write to, in both databases: the attacks must leave these
   * unchanged.
   */
  Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    count(system.messaging.database, counts, "conversations", "messages", "ai_insights", "outbox");
    count(system.database, counts, "operators");
    return counts;
  }

  private static void count(TestDatabase database, Map<String, Long> counts, String... tables) {
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      for (String table : tables) {
        try (ResultSet r = s.executeQuery("select count(*) from " + table)) {
          r.next();
          counts.put(database.name() + "." + table, r.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the rows of " + database.name(), e);
    }
  }

  /** A JSON object of string fields. */
  static String json(Map<String, String> fields) {
    JsonObjectBuilder o = Json.createObjectBuilder();
    fields.forEach(o::add);
    return o.build().toString();
  }

  private void createOperator() {
    createOperator(OPERATOR, OPERATOR_PASSWORD);
  }

  /** A new operator account, for a test that needs one of its own. */
  void createOperator(String username, String password) {
    api(adminToken())
        .body(
            json(
                Map.of(
                    "username",
                    username,
                    "display_name",
                    username,
                    "role",
                    "operator",
                    "password",
                    password)))
        .post("/operators")
        .then()
        .statusCode(201);
  }

  private void stop() {
    try {
      function.close();
    } finally {
      gateway.close();
      ollama.close();
      // messaging, the first gateway, their databases and vhost: GatewayUnderTest's own hooks.
    }
  }
}
