package org.supportinbox.gateway.api.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.supportinbox.testing.ForgedTokens;
import org.supportinbox.testing.GatewayUnderTest;

class LoginResourceIT {

  static final GatewayUnderTest GATEWAY = GatewayUnderTest.get();

  static RequestSpecification api() {
    return given().baseUri(GATEWAY.server().baseUrl()).contentType(ContentType.JSON);
  }

  static Response login(String username, String password) {
    return api()
        .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
        .post("/login");
  }

  static String adminToken() {
    return login(GatewayUnderTest.ADMIN, GATEWAY.adminPassword)
        .then()
        .statusCode(200)
        .extract()
        .path("access_token");
  }

  @Test
  void theFirstAdminLogsInAndGetsAStrictToken() {
    Response r = login(GatewayUnderTest.ADMIN, GATEWAY.adminPassword);
    r.then()
        .statusCode(200)
        .body("token_type", equalTo("bearer"))
        .body("expires_in", equalTo(8 * 3600))
        .body("name", equalTo("admin"))
        .body("role", equalTo("admin"));
    String[] parts = r.<String>path("access_token").split("\\.");
    String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    assertTrue(header.contains("\"HS256\""), header);
    for (String claim : new String[] {"iss", "sub", "name", "groups", "iat", "exp", "jti"}) {
      assertTrue(claims.contains("\"" + claim + "\""), claim + " in " + claims);
    }
  }

  @Test
  void badCredentialsGetTheSameAnswerWhetherTheUserExistsOrNot() {
    Response wrongPassword = login(GatewayUnderTest.ADMIN, "not the password at all");
    Response unknownUser = login("nobody-" + UUID.randomUUID(), "not the password at all");
    wrongPassword.then().statusCode(401).body("error", equalTo("invalid_credentials"));
    unknownUser.then().statusCode(401);
    assertEquals(wrongPassword.asString(), unknownUser.asString());
    // Both paths run one full password hash; neither answers in a fraction of it.
    assertTrue(unknownUser.time() > 50, "unknown user answered in " + unknownUser.time() + " ms");
    // The failure above must not lock the real admin out for the other tests.
    login(GatewayUnderTest.ADMIN, GATEWAY.adminPassword).then().statusCode(200);
  }

  @Test
  void repeatedFailuresLockTheNameOutWithABackOff() {
    String admin = adminToken();
    String name = "lock-" + UUID.randomUUID().toString().substring(0, 8);
    api()
        .header("Authorization", "Bearer " + admin)
        .body("{\"username\":\"" + name + "\",\"password\":\"a long enough password\"}")
        .post("/operators")
        .then()
        .statusCode(201);
    // The test gateway allows 3 failures, then locks for 1 s, 2 s, 4 s (its maximum).
    for (int i = 0; i < 3; i++) {
      login(name, "wrong password " + i).then().statusCode(401);
    }
    login(name, "a long enough password")
        .then()
        .statusCode(429)
        .body("error", equalTo("too_many_attempts"))
        .header("Retry-After", Integer::parseInt, greaterThan(0));
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> login(name, "a long enough password").statusCode() == 200);
  }

  @Test
  void logoutRevokesTheTokenAndOnlyThatToken() {
    String first = adminToken();
    String second = adminToken();
    api().header("Authorization", "Bearer " + first).get("/operators").then().statusCode(200);
    api().header("Authorization", "Bearer " + first).post("/logout").then().statusCode(204);
    api()
        .header("Authorization", "Bearer " + first)
        .get("/operators")
        .then()
        .statusCode(401)
        .body("error", equalTo("unauthorized"));
    api().header("Authorization", "Bearer " + second).get("/operators").then().statusCode(200);
  }

  @Test
  void malformedLoginsAre400() {
    api().body("{\"username\":\"admin\"}").post("/login").then().statusCode(400);
    api().body("{").post("/login").then().statusCode(400);
    api()
        .body("{\"username\":\"admin\",\"password\":\"x\",\"otp\":1}")
        .post("/login")
        .then()
        .statusCode(400)
        .body("field", equalTo("otp"));
  }

  static Stream<Arguments> attacks() {
    return ForgedTokens.all(GATEWAY.secret).entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void forgedTokensAreRefused(String attack, String token) {
    for (String path : new String[] {"/operators", "/conversations"}) {
      api()
          .header("Authorization", "Bearer " + token)
          .get(path)
          .then()
          .statusCode(401)
          .body("error", equalTo("unauthorized"));
    }
  }

  @Test
  void requestsWithoutATokenAreRefused() {
    api().get("/operators").then().statusCode(401).header("WWW-Authenticate", notNullValue());
    api()
        .header("Authorization", "Basic YWRtaW46YWRtaW4=")
        .get("/conversations")
        .then()
        .statusCode(401);
  }
}
