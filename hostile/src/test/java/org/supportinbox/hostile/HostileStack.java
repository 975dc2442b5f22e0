package org.supportinbox.hostile;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.supportinbox.testing.GatewayUnderTest;
import org.supportinbox.testing.StackUnderTest;
import org.supportinbox.testing.TestDatabase;

/**
 * The system under attack (test-support's {@link StackUnderTest}: messaging, a gateway instance,
 * one analyze replica answering from an Ollama double, an operator), started once per test JVM and
 * stopped at its exit. Every attack goes to {@link #gateway}, the only service a browser reaches;
 * the WebSocket limits there are set low so that a test can hit them quickly.
 */
final class HostileStack extends StackUnderTest {

  static final String OPERATOR = "oscar";
  static final String OPERATOR_PASSWORD = "hostile-operator-password-0123";

  /** The socket limits of {@link #gateway}, low enough to reach in a test. */
  static final int MAX_SOCKETS_PER_USER = 3;

  static final int FRAMES_PER_MINUTE = 60;

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
            "1000"),
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
}
