package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.supportinbox.testing.GatewaySocket;

/**
 * Security review, item 1: a change to an operator's role, password or disabled flag ends every
 * token the account had, on REST and on open sockets, on every gateway instance (on the instance
 * that made the change at once, on the others within a second: each reads the denylist from the
 * shared database every 250 ms). Before the fix an admin demoted to operator kept using the old
 * token: it listed operators, promoted itself back and created another admin; a password reset left
 * old sessions working; enabling a disabled account again brought its old tokens back to life.
 */
class AccountChangeIT {

  private static HostileStack stack;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
  }

  /** A fresh account of {@code role}; its user name. */
  private static String account(String role, String password) {
    String name = "acct-" + UUID.randomUUID().toString().substring(0, 8);
    stack
        .api(stack.adminToken())
        .body(
            HostileStack.json(
                Map.of("username", name, "display_name", name, "role", role, "password", password)))
        .post("/operators")
        .then()
        .statusCode(201);
    return name;
  }

  private static void change(String name, String json) {
    stack.api(stack.adminToken()).body(json).patch("/operators/" + name).then().statusCode(200);
  }

  /** The same request on the first gateway instance, which shares the database. */
  private static RequestSpecification otherInstance(String token) {
    return io.restassured.RestAssured.given()
        .baseUri(stack.system.server().baseUrl())
        .contentType(io.restassured.http.ContentType.JSON)
        .header("Authorization", "Bearer " + token);
  }

  /**
   * The other instance refuses {@code path} with the token within a second: each instance reads
   * revocations from the shared database into its denylist every 250 ms (the instance that made the
   * change refuses at once).
   */
  private static void refusedOnTheOtherInstanceWithinASecond(String token, String path) {
    await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> otherInstance(token).get(path).statusCode() == 401);
    otherInstance(token).get(path).then().statusCode(401);
  }

  @Test
  void aDemotedAdminsTokenCanNoLongerActAsAdmin() throws Exception {
    String password = "demoted-admin-password-0123";
    String name = account("admin", password);
    String token = stack.login(name, password);
    stack.api(token).get("/operators").then().statusCode(200);
    otherInstance(token).get("/operators").then().statusCode(200);
    try (GatewaySocket socket =
        GatewaySocket.open(stack.gateway.baseUrl(), token, HostileStack.ORIGIN)) {
      assertThat(socket.next("hello", 10)).isNotNull();

      change(name, "{\"role\":\"operator\"}");

      // The old token opens nothing any more, here or on the other instance...
      stack.api(token).get("/operators").then().statusCode(401);
      refusedOnTheOtherInstanceWithinASecond(token, "/operators");
      stack.api(token).get("/conversations").then().statusCode(401);
      stack
          .api(token)
          .body("{\"role\":\"admin\"}")
          .patch("/operators/" + name)
          .then()
          .statusCode(401);
      stack
          .api(token)
          .body(
              "{\"username\":\"sneaky-"
                  + name
                  + "\",\"role\":\"admin\",\"password\":\"sneaky-password-0123\"}")
          .post("/operators")
          .then()
          .statusCode(401);
      // ...and its open socket is closed by the next sweep (every 5 s).
      assertThat(socket.closeCode(20)).isEqualTo(1008);
      assertThat(socket.closeReason()).contains("revoked");
    }
    // A new login has the new role: an operator, not an admin.
    String fresh = stack.login(name, password);
    stack.api(fresh).get("/conversations").then().statusCode(200);
    stack.api(fresh).get("/operators").then().statusCode(403);
    assertThat(stack.gatewayRows("select 1 from operators where username like 'sneaky-%'"))
        .isEmpty();
  }

  @Test
  void aPasswordResetEndsTheOldSessions() {
    String name = account("operator", "first-password-0123456");
    String token = stack.login(name, "first-password-0123456");
    stack.api(token).get("/conversations").then().statusCode(200);

    change(name, "{\"password\":\"second-password-0123456\"}");

    stack.api(token).get("/conversations").then().statusCode(401);
    refusedOnTheOtherInstanceWithinASecond(token, "/conversations");
    String fresh = stack.login(name, "second-password-0123456");
    stack.api(fresh).get("/conversations").then().statusCode(200);
  }

  @Test
  void enablingAnAccountAgainDoesNotReviveItsOldTokens() {
    String name = account("operator", "revived-password-0123456");
    String token = stack.login(name, "revived-password-0123456");

    change(name, "{\"disabled\":true}");
    stack.api(token).get("/conversations").then().statusCode(401);
    change(name, "{\"disabled\":false}");

    stack.api(token).get("/conversations").then().statusCode(401);
    refusedOnTheOtherInstanceWithinASecond(token, "/conversations");
    String fresh = stack.login(name, "revived-password-0123456");
    stack.api(fresh).get("/conversations").then().statusCode(200);
  }

  @Test
  void aRenameAloneKeepsTheTokens() {
    String name = account("operator", "renamed-password-0123456");
    String token = stack.login(name, "renamed-password-0123456");
    change(name, "{\"display_name\":\"Another Name\"}");
    stack.api(token).get("/conversations").then().statusCode(200);
  }

  @Test
  void everyChangeIsInTheAuditLog() {
    String name = account("operator", "audited-password-0123456");
    change(name, "{\"role\":\"admin\"}");
    assertThat(
            stack.gatewayRows(
                "select action, actor, detail from audit_log where subject = ? order by id", name))
        .extracting(row -> row.get(0) + " by " + row.get(1) + ": " + row.get(2))
        .containsExactly(
            "operator.created by admin: role operator, display name '" + name + "'",
            "operator.role_changed by admin: role operator -> admin; tokens issued before ended");
  }
}
