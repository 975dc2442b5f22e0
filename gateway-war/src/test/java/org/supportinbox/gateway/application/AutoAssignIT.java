package org.supportinbox.gateway.application;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.CustomerClient;
import org.supportinbox.testing.GatewaySocket;
import org.supportinbox.testing.GatewayUnderTest;
import org.supportinbox.testing.PayaraMicro;

/**
 * {@code AUTO_ASSIGN=round_robin} on a gateway instance of its own: new conversations go to the
 * operators with an inbox open, in turn; a disabled operator gets none; with no one online they
 * stay unassigned. The default instance (off) assigns nothing.
 */
class AutoAssignIT {

  static final GatewayUnderTest GATEWAY = GatewayUnderTest.get();
  static final String PASSWORD = "auto-assign-password-0123";

  private static String adminToken() {
    return new CustomerClient(GATEWAY.server().baseUrl())
        .login(GatewayUnderTest.ADMIN, GATEWAY.adminPassword);
  }

  private static String createOperator(String name) {
    given()
        .baseUri(GATEWAY.server().baseUrl())
        .header("Authorization", "Bearer " + adminToken())
        .contentType(ContentType.JSON)
        .body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}")
        .post("/operators")
        .then()
        .statusCode(201);
    return name;
  }

  private static String assigneeOf(String conversation) {
    return given()
        .baseUri(GATEWAY.server().baseUrl())
        .header("Authorization", "Bearer " + adminToken())
        .get("/conversations/" + conversation)
        .then()
        .statusCode(200)
        .extract()
        .path("assignee");
  }

  private static String start(String baseUrl) {
    return new CustomerClient(baseUrl)
        .start("Auto Ada", "who takes this?")
        .conversationId()
        .toString();
  }

  /** The operators whose presence was reported within the online window. */
  private static Set<String> online() throws SQLException {
    Set<String> names = new TreeSet<>();
    try (Connection c = GATEWAY.database.connect();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select username from operator_presence"
                    + " where seen_at > now() - interval '15 seconds'")) {
      while (r.next()) {
        names.add(r.getString(1));
      }
    }
    return names;
  }

  @Test
  void newConversationsGoToTheOperatorsOnlineInTurn() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    String ann = createOperator("auto-a-" + suffix);
    String bob = createOperator("auto-b-" + suffix);
    String off = createOperator("auto-c-" + suffix); // never opens the inbox
    try (PayaraMicro auto =
            GATEWAY.startInstance("gateway-auto", Map.of("AUTO_ASSIGN", "round_robin"));
        GatewaySocket annSocket =
            GatewaySocket.open(
                auto.baseUrl(),
                new CustomerClient(auto.baseUrl()).login(ann, PASSWORD),
                GatewayUnderTest.ALLOWED_ORIGIN);
        GatewaySocket bobSocket =
            GatewaySocket.open(
                auto.baseUrl(),
                new CustomerClient(auto.baseUrl()).login(bob, PASSWORD),
                GatewayUnderTest.ALLOWED_ORIGIN)) {
      annSocket.next("hello", 10);
      bobSocket.next("hello", 10);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> online().equals(new TreeSet<>(List.of(ann, bob))));

      List<String> assignees = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        assignees.add(assigneeOf(start(auto.baseUrl())));
      }
      assertEquals(2, assignees.stream().filter(ann::equals).count(), assignees.toString());
      assertEquals(2, assignees.stream().filter(bob::equals).count(), assignees.toString());
      for (int i = 1; i < assignees.size(); i++) {
        assertNotEquals(assignees.get(i - 1), assignees.get(i), "in turn: " + assignees);
      }
      assertEquals(false, assignees.contains(off));

      // The default instance (AUTO_ASSIGN off) assigns nothing, whoever is online.
      assertNull(assigneeOf(start(GATEWAY.server().baseUrl())));

      // Bob disabled: only Ann is online and active.
      given()
          .baseUri(GATEWAY.server().baseUrl())
          .header("Authorization", "Bearer " + adminToken())
          .contentType(ContentType.JSON)
          .body("{\"disabled\":true}")
          .patch("/operators/" + bob)
          .then()
          .statusCode(200);
      assertEquals(ann, assigneeOf(start(auto.baseUrl())));
      assertEquals(ann, assigneeOf(start(auto.baseUrl())));

      // Ann closes her inbox: once her presence is older than the window, no one is online.
      annSocket.close();
      await().atMost(Duration.ofSeconds(40)).until(() -> online().isEmpty());
      assertNull(assigneeOf(start(auto.baseUrl())), "no one online: unassigned");
    }
  }
}
