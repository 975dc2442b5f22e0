package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.supportinbox.testing.ForgedTokens;
import org.supportinbox.testing.GatewaySocket;

/**
 * The JWT attack list against the gateway's REST routes and its socket, revocation by logout on
 * both, login answers that tell nothing, brute force slowed by the lock-out, and a customer's token
 * on operator and admin routes.
 */
class JwtAttackIT {

  private static HostileStack stack;
  private static String customer;
  private static String conversation;
  private static String message;
  private static String operator;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
    JsonPath started = stack.startConversation("Token Tina", "my own conversation");
    customer = started.getString("customer_token");
    conversation = started.getString("conversation_id");
    message = started.getString("message.id");
    operator = stack.operatorToken();
  }

  static Stream<Arguments> forgeries() {
    return ForgedTokens.all(HostileStack.get().system.secret).entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  /** One route of each kind a token opens: operator, admin, customer, and a write. */
  private static List<Response> everyKindOfRoute(String token) {
    List<Response> answers = new ArrayList<>();
    answers.add(stack.api(token).get("/conversations"));
    answers.add(stack.api(token).get("/operators"));
    answers.add(stack.api(token).get("/customer/conversation"));
    answers.add(
        stack
            .api(token)
            .body(
                HostileStack.json(
                    Map.of("conversation_id", conversation, "content", "forged reply")))
            .post("/messages"));
    return answers;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgeries")
  void aForgedTokenOpensNoRoute(String attack, String token) {
    Map<String, Long> before = stack.rowCounts();
    for (Response answer : everyKindOfRoute(token)) {
      assertThat(answer.statusCode()).as(attack).isEqualTo(401);
      assertThat(answer.jsonPath().getString("error")).as(attack).isEqualTo("unauthorized");
      assertThat(answer.header("WWW-Authenticate")).as(attack).startsWith("Bearer");
    }
    assertThat(stack.rowCounts()).as(attack + ": rows").isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgeries")
  void aForgedTokenOpensNoSocket(String attack, String token) throws Exception {
    try (GatewaySocket socket =
        GatewaySocket.open(stack.gateway.baseUrl(), token, HostileStack.ORIGIN)) {
      assertThat(socket.closeCode(10)).as(attack).isEqualTo(1008);
      assertThat(socket.frames).as(attack + ": frames before the close").isEmpty();
    }
  }

  /**
   * A valid operator token in the URL ({@code /ws?token=}, no subprotocol) opens nothing: the
   * gateway reads the token from {@code Sec-WebSocket-Protocol} only, so that no token ends up in a
   * proxy's or access log's URLs. The same token as a subprotocol is served.
   */
  @Test
  void aValidTokenInTheUrlOpensNoSocket() throws Exception {
    String token = stack.operatorToken();
    try (GatewaySocket socket =
        GatewaySocket.to(stack.gateway.baseUrl())
            .path("/ws?token=" + token)
            .origin(HostileStack.ORIGIN)
            .open()) {
      try {
        assertThat(socket.closeCode(10)).isEqualTo(1008);
      } catch (TimeoutException e) {
        throw new AssertionError("the socket stayed open, frames: " + socket.frames, e);
      }
      assertThat(socket.frames).as("frames before the close").isEmpty();
    } catch (CompletionException e) {
      // Refusing the handshake is as good as closing the socket.
      assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
    }
    try (GatewaySocket socket =
        GatewaySocket.open(stack.gateway.baseUrl(), token, HostileStack.ORIGIN)) {
      assertThat(socket.next("hello", 10)).as("the same token as a subprotocol").isNotNull();
    }
  }

  /**
   * A correctly signed token too big to be ours: the HTTP server or the verifier refuses it, either
   * way with a 4xx and nothing served.
   */
  @ParameterizedTest(name = "a huge token of {0} bytes")
  @ValueSource(ints = {12 * 1024, 100 * 1024})
  void aHugeTokenIsRefused(int bytes) throws Exception {
    String token = ForgedTokens.huge(stack.system.secret, bytes);
    Response answer = stack.api(token).get("/conversations");
    assertThat(answer.statusCode()).isBetween(400, 499);
    assertThat(answer.asString()).doesNotContain("conversation_id");
    // The socket takes its token from a header (Sec-WebSocket-Protocol): a refused handshake or a
    // 1008.
    int status = refusedOrClosed(token);
    assertThat(status).isIn(400, 413, 414, 431, 1008);
    stillServes();
  }

  private static int refusedOrClosed(String token) throws Exception {
    try {
      int handshake =
          GatewaySocket.handshakeStatus(stack.gateway.baseUrl(), token, HostileStack.ORIGIN);
      if (handshake != 0) {
        return handshake;
      }
    } catch (java.util.concurrent.CompletionException e) {
      // The server dropped the connection on the oversized request line: refused too.
      return 400;
    }
    try (GatewaySocket socket =
        GatewaySocket.open(stack.gateway.baseUrl(), token, HostileStack.ORIGIN)) {
      int code = socket.closeCode(10);
      assertThat(socket.frames).isEmpty();
      return code;
    }
  }

  @Test
  void logoutRevokesTheTokenOnRestAndOnAnOpenSocket() throws Exception {
    String token = stack.operatorToken();
    String other = stack.operatorToken();
    try (GatewaySocket open =
            GatewaySocket.open(stack.gateway.baseUrl(), token, HostileStack.ORIGIN);
        GatewaySocket bystander =
            GatewaySocket.open(stack.gateway.baseUrl(), other, HostileStack.ORIGIN)) {
      assertThat(open.next("hello", 10)).isNotNull();
      assertThat(bystander.next("hello", 10)).isNotNull();
      stack.api(token).get("/conversations").then().statusCode(200);

      stack.api(token).post("/logout").then().statusCode(204);

      stack.api(token).get("/conversations").then().statusCode(401);
      // The gateway sweeps its sockets every 5 s.
      assertThat(open.closeCode(20)).isEqualTo(1008);
      assertThat(open.closeReason()).contains("revoked");
      try (GatewaySocket again =
          GatewaySocket.open(stack.gateway.baseUrl(), token, HostileStack.ORIGIN)) {
        assertThat(again.closeCode(10)).isEqualTo(1008);
        assertThat(again.frames).isEmpty();
      }
      // Another token of the same operator is untouched, on REST and on its socket.
      stack.api(other).get("/conversations").then().statusCode(200);
      bystander.send("{\"type\":\"ping\"}");
      assertThat(bystander.next("pong", 10)).isNotNull();
      assertThat(bystander.isClosed()).isFalse();
    }
  }

  @Test
  void anUnknownUserAndAWrongPasswordGetTheSameAnswer() {
    Response unknown =
        stack
            .api()
            .body(
                HostileStack.json(
                    Map.of(
                        "username",
                        "nobody-" + UUID.randomUUID().toString().substring(0, 8),
                        "password",
                        "wrong-password-123")))
            .post("/login");
    Response wrong =
        stack
            .api()
            .body(
                HostileStack.json(
                    Map.of("username", HostileStack.OPERATOR, "password", "wrong-password-123")))
            .post("/login");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(unknown.statusCode());
    assertThat(unknown.asString()).isEqualTo(wrong.asString());
    assertThat(unknown.jsonPath().getString("error")).isEqualTo("invalid_credentials");
    // The right password still works: one failure does not lock.
    stack.operatorToken();
  }

  /**
   * Guessing is slowed down the same way for a real and an unknown user name: after 3 free failures
   * (the test gateway's LOGIN_FREE_FAILURES) the name is locked, and every attempt gets 429 with
   * Retry-After until the lock ends, the right password included. Each failure after a lock doubles
   * the next one (1 s, 2 s, 4 s: the test gateway's LOGIN_MAX_LOCK_SECONDS).
   */
  @Test
  void bruteForceIsSlowedDownByALockOutThatEvenTheRightPasswordWaitsFor() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String real = "bruno-" + suffix;
    String password = "brute-force-target-0123";
    stack.createOperator(real, real, password);
    String unknown = "ghost-" + suffix;

    for (String name : List.of(real, unknown)) {
      List<Integer> statuses = guess(name, 3);
      statuses.add(lockedOrFailed(name));
      assertThat(statuses)
          .as("the first four guesses at " + name)
          .containsExactly(401, 401, 401, 429);
    }

    // Guess on until the lock is long, then the right password is refused too.
    Response locked = login(real, "another-guess");
    for (int i = 0; i < 10 && retryAfter(locked) < 3; i++) {
      Thread.sleep(Math.max(1, retryAfter(locked)) * 1000L + 200);
      locked = login(real, "another-guess");
    }
    assertThat(retryAfter(locked))
        .as("the lock after repeated guesses, in seconds")
        .isGreaterThanOrEqualTo(3);
    Response right = login(real, password);
    assertThat(right.statusCode()).as("the right password while locked").isEqualTo(429);
    assertThat(right.jsonPath().getString("error")).isEqualTo("too_many_attempts");
    assertThat(retryAfter(right)).isPositive();

    // The lock ends and the right password works.
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> login(real, password).statusCode() == 200);
  }

  /** The status of one more wrong guess right after the third. */
  private static int lockedOrFailed(String name) {
    return login(name, "guess-number-4").statusCode();
  }

  /** Retry-After in seconds; 0 when the answer has none. */
  private static long retryAfter(Response answer) {
    String header = answer.header("Retry-After");
    return header == null ? 0 : Long.parseLong(header);
  }

  private static List<Integer> guess(String username, int times) {
    List<Integer> statuses = new ArrayList<>(times + 1);
    for (int i = 0; i < times; i++) {
      statuses.add(login(username, "guess-number-" + i).statusCode());
    }
    return statuses;
  }

  private static Response login(String username, String password) {
    return stack
        .api()
        .body(HostileStack.json(Map.of("username", username, "password", password)))
        .post("/login");
  }

  /** Operator and admin routes, each with a body that would be valid for an operator. */
  static Stream<Arguments> operatorRoutes() {
    return Stream.of(
        Arguments.of("GET /conversations", "GET", "/conversations", null),
        Arguments.of(
            "GET its own conversation the operator way", "GET", "/conversations/{c}", null),
        Arguments.of(
            "PATCH its own conversation",
            "PATCH",
            "/conversations/{c}",
            "{\"status\":\"resolved\"}"),
        Arguments.of(
            "POST /messages as an operator",
            "POST",
            "/messages",
            "{\"conversation_id\":\"{c}\",\"content\":\"I am staff\"}"),
        Arguments.of("reanalyze its own message", "POST", "/messages/{m}/reanalyze", "{}"),
        Arguments.of("GET /operators", "GET", "/operators", null),
        Arguments.of(
            "POST /operators",
            "POST",
            "/operators",
            "{\"username\":\"sneaky\",\"role\":\"admin\",\"password\":\"sneaky-password-0123\"}"),
        Arguments.of("PATCH /operators/admin", "PATCH", "/operators/admin", "{\"disabled\":true}"),
        Arguments.of("GET /audit", "GET", "/audit", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operatorRoutes")
  void aCustomerTokenIsForbiddenOnOperatorRoutes(
      String name, String method, String path, String body) {
    Map<String, Long> before = stack.rowCounts();
    var spec = stack.api(customer);
    if (body != null) {
      spec = spec.body(body.replace("{c}", conversation));
    }
    Response answer =
        spec.request(method, path.replace("{c}", conversation).replace("{m}", message));
    assertThat(answer.statusCode()).as(name).isEqualTo(403);
    assertThat(answer.jsonPath().getString("error")).as(name).isEqualTo("forbidden");
    assertThat(stack.rowCounts()).as(name + ": rows").isEqualTo(before);
    // The conversation is as it was: still open, its one message not reanalysed.
    JsonPath own = stack.conversation(operator, conversation);
    assertThat(own.getString("status")).isEqualTo("open");
    assertThat(own.getList("messages")).hasSize(1);
    stillServes();
  }

  @Test
  void anOperatorTokenIsForbiddenOnAdminRoutes() {
    stack.api(operator).get("/operators").then().statusCode(403);
    Map<String, Long> before = stack.rowCounts();
    stack
        .api(operator)
        .body("{\"username\":\"sneaky2\",\"role\":\"admin\",\"password\":\"sneaky-password-0123\"}")
        .post("/operators")
        .then()
        .statusCode(403);
    assertThat(stack.rowCounts()).isEqualTo(before);
  }

  /** The customer's own routes keep working. */
  private static void stillServes() {
    stack.api(customer).get("/customer/conversation").then().statusCode(200);
  }
}
