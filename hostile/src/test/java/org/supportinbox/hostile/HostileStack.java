package org.supportinbox.hostile;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.supportinbox.testing.GatewayUnderTest;
import org.supportinbox.testing.StackUnderTest;
import org.supportinbox.testing.TestDatabase;

/**
 * The system under attack (test-support's {@link StackUnderTest}: messaging, a gateway instance,
 * one analyze replica answering from an Ollama double, an operator), started once per test JVM and
 * stopped at its exit. Attacks go to {@link #gateway}, the only service a browser reaches (only
 * ContainerAnswersIT also probes messaging's server, {@code system.messaging.server()}); the
 * WebSocket limits there are set low so that a test can hit them quickly.
 */
final class HostileStack extends StackUnderTest {

  static final String OPERATOR = "oscar";
  static final String OPERATOR_PASSWORD = "hostile-operator-password-0123";

  /** The socket limits of {@link #gateway}, low enough to reach in a test. */
  static final int MAX_SOCKETS_PER_USER = 3;

  static final int FRAMES_PER_MINUTE = 60;

  /** Customer messages one client address may send per minute to {@link #gateway}. */
  static final int ADDRESS_MESSAGES_PER_MINUTE = 300;

  /** {@link #gateway}'s LOGIN_FAILURE_DECAY_SECONDS and LOGIN_NAME_MAX_FAILURES. */
  static final int LOGIN_FAILURE_DECAY_SECONDS = 4;

  static final int LOGIN_NAME_MAX_FAILURES = 6;

  /** The origin {@link #gateway} lets open /ws. */
  static final String ORIGIN = GatewayUnderTest.ALLOWED_ORIGIN;

  private static HostileStack instance;

  private HostileStack() throws IOException {
    super(
        "hostile",
        Map.of(
            "WS_MAX_SOCKETS_PER_USER",
            Integer.toString(MAX_SOCKETS_PER_USER),
            "WS_FRAME_RATE_PER_MINUTE",
            Integer.toString(FRAMES_PER_MINUTE),
            // Brute force is shown by the lock-out per user name (3 free failures, locks of 1 s
            // doubling up to 4 s: GatewayUnderTest's settings), not this limit.
            "LOGIN_RATE_PER_MINUTE",
            "1000",
            "CUSTOMER_START_RATE_PER_MINUTE",
            "1000",
            // Each attack is followed by a customer's normal message.
            "CUSTOMER_MESSAGE_RATE_PER_MINUTE",
            "1000",
            // Every test client but CustomerLimitsIT's is 127.0.0.1: generous, but reachable.
            "CUSTOMER_ADDRESS_MESSAGE_RATE_PER_MINUTE",
            Integer.toString(ADDRESS_MESSAGES_PER_MINUTE),
            // Failures decay and a name comes under attack quickly enough for a test to see it.
            "LOGIN_FAILURE_DECAY_SECONDS",
            Integer.toString(LOGIN_FAILURE_DECAY_SECONDS),
            "LOGIN_NAME_MAX_FAILURES",
            Integer.toString(LOGIN_NAME_MAX_FAILURES)),
        Map.of("AI_RETRY_DELAYS", "1s"),
        new String[] {OPERATOR, OPERATOR, OPERATOR_PASSWORD});
  }

  /** The running stack, started on first use. */
  static synchronized HostileStack get() {
    if (instance == null) {
      instance = once(HostileStack::new);
    }
    return instance;
  }

  String operatorToken() {
    return login(OPERATOR, OPERATOR_PASSWORD);
  }

  /**
   * The gateway's API for a client at another loopback address ({@code 127.0.0.x}; Linux routes all
   * of 127/8 to the loopback interface), which the gateway sees as a different client.
   */
  RequestSpecification apiFrom(String sourceAddress) {
    try {
      return api()
          .config(
              RestAssuredConfig.config()
                  .httpClient(
                      HttpClientConfig.httpClientConfig()
                          .setParam(
                              "http.route.local-address", InetAddress.getByName(sourceAddress))));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(sourceAddress, e);
    }
  }

  /** The rows of a query on the gateway's database, each as a list of its columns' strings. */
  List<List<String>> gatewayRows(String sql, Object... parameters) {
    return rows(system.database, sql, parameters);
  }

  /** The rows of a query on messaging's database, each as a list of its columns' strings. */
  List<List<String>> messagingRows(String sql, Object... parameters) {
    return rows(system.messaging.database, sql, parameters);
  }

  /** Runs an update on messaging's database (tests that need a row to look older). */
  int messagingUpdate(String sql, Object... parameters) {
    try (Connection c = system.messaging.database.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql, e);
    }
  }

  private static List<List<String>> rows(TestDatabase database, String sql, Object... parameters) {
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      List<List<String>> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        int columns = r.getMetaData().getColumnCount();
        while (r.next()) {
          List<String> row = new ArrayList<>(columns);
          for (int i = 1; i <= columns; i++) {
            row.add(r.getString(i));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql, e);
    }
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

  /**
   * Rows in the tables a request could write to, in both databases: the attacks must leave these
   * unchanged.
   */
  Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    count(
        system.messaging.database,
        counts,
        "conversations",
        "messages",
        "ai_insights",
        "outbox",
        "saved_replies",
        "read_positions",
        "kb_articles",
        "ai_feedback",
        "ai_examples",
        "email_deliveries",
        "attachments",
        "attachment_uploads");
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
}
