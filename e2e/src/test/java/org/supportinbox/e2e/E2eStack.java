package org.supportinbox.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.supportinbox.testing.FunctionUnderTest;
import org.supportinbox.testing.GatewayUnderTest;
import org.supportinbox.testing.OllamaDouble;
import org.supportinbox.testing.PayaraMicro;
import org.supportinbox.testing.WebSocketCuttingProxy;

/**
 * The whole system as a browser meets it, started once per test JVM and stopped at its exit:
 * messaging and a gateway instance on Payara Micro (test-support's {@link GatewayUnderTest}, fresh
 * databases and vhost), one analyze function replica answering from an {@link OllamaDouble}, and an
 * operator account.
 *
 * <p>Browsers never talk to the gateway directly. The operator's window goes through {@link
 * #operatorProxy}, which can take WebSockets away while REST keeps working; the customer's goes
 * through {@link #customerProxy}, which is never cut. Both proxy origins are the gateway's {@code
 * ALLOWED_ORIGINS}, so the gateway sees the same origin the page has.
 */
final class E2eStack {

  static final String OPERATOR = "olivia";
  static final String OPERATOR_NAME = "Olivia Operator";
  static final String OPERATOR_PASSWORD = "e2e-operator-password-0123";

  private static E2eStack instance;

  final GatewayUnderTest system;
  final WebSocketCuttingProxy operatorProxy;
  final WebSocketCuttingProxy customerProxy;
  final PayaraMicro gateway;
  final OllamaDouble ollama;
  private FunctionUnderTest function;
  private final Map<String, String> functionEnv;

  private E2eStack() throws IOException {
    system = GatewayUnderTest.get();
    operatorProxy = new WebSocketCuttingProxy();
    customerProxy = new WebSocketCuttingProxy();
    ollama = OllamaDouble.start("phi3:mini");
    PayaraMicro startedGateway = null;
    FunctionUnderTest startedFunction = null;
    try {
      startedGateway =
          system.startInstance(
              "gateway-e2e",
              Map.of(
                  "ALLOWED_ORIGINS",
                  operatorProxy.origin() + "," + customerProxy.origin(),
                  // Every window is 127.0.0.1 and a test may write often: limits out of the way.
                  "CUSTOMER_MESSAGE_RATE_PER_MINUTE",
                  "1000",
                  "CUSTOMER_START_RATE_PER_MINUTE",
                  "1000",
                  "LOGIN_RATE_PER_MINUTE",
                  "1000",
                  // The test gateway's 32 is for slow-socket tests; browsers get the default.
                  "WS_SEND_QUEUE",
                  "256"));
      operatorProxy.forwardTo("127.0.0.1", startedGateway.port());
      customerProxy.forwardTo("127.0.0.1", startedGateway.port());
      Map<String, String> env = FunctionUnderTest.environment(system.messaging, ollama.url());
      // One quick retry: a failing model turns a message "unavailable" within seconds. The
      // timeout is long so that a test can hold the model's answer while it looks at
      // "processing".
      env.put("AI_RETRY_DELAYS", "1s");
      env.put("OLLAMA_TIMEOUT", "90s");
      functionEnv = Map.copyOf(env);
      startedFunction = FunctionUnderTest.start("ai-function-e2e", env);
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
      closeRest();
      throw e;
    }
  }

  /** The running stack, started on first use. */
  static synchronized E2eStack get() {
    if (instance == null) {
      try {
        E2eStack s = new E2eStack();
        Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "e2e-stack-stop"));
        instance = s;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /**
   * A script for the Ollama double that answers {@code text} once {@code gate} opens: an analysis
   * stays "processing" for as long as a test needs to see it, whatever the machine's pace.
   */
  static Function<OllamaDouble.Call, OllamaDouble.Reply> answerWhen(
      CountDownLatch gate, String text) {
    return call -> {
      try {
        if (!gate.await(80, TimeUnit.SECONDS)) {
          return OllamaDouble.failure(500, "the test never let the model answer");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return OllamaDouble.failure(500, "interrupted");
      }
      return OllamaDouble.text(text);
    };
  }

  /**
   * Replaces the analyze replica with one whose settings are the stack's plus {@code overrides}
   * (none: the stack's own again). The old replica stops first, so the new one takes every event;
   * tests that change it put it back when they end.
   */
  synchronized void restartFunction(Map<String, String> overrides, String name) {
    function.close();
    Map<String, String> env = new HashMap<>(functionEnv);
    env.putAll(overrides);
    try {
      function = FunctionUnderTest.start(name, env).awaitHealthy(Duration.ofSeconds(120));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A page of the UI as the operator's window loads it. */
  String operatorUrl(String path) {
    return operatorProxy.origin() + path;
  }

  /** A page of the UI as the customer's window loads it. */
  String customerUrl(String path) {
    return customerProxy.origin() + path;
  }

  /** The gateway's API, straight (not through a proxy). */
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

  /** A conversation as operators read it ({@code GET /conversations/{id}}). */
  JsonPath conversation(String token, String conversationId) {
    return api(token)
        .get("/conversations/" + conversationId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The ids of a conversation's messages, in order, as the API has them. */
  List<String> messageIds(String conversationId) {
    return conversation(operatorToken(), conversationId).getList("messages.id", String.class);
  }

  /** A JSON object of string fields (REST Assured has no JSON mapper here). */
  static String json(Map<String, String> fields) {
    JsonObjectBuilder o = Json.createObjectBuilder();
    fields.forEach(o::add);
    return o.build().toString();
  }

  private void createOperator() {
    String admin = login(GatewayUnderTest.ADMIN, system.adminPassword);
    api(admin)
        .body(
            json(
                Map.of(
                    "username",
                    OPERATOR,
                    "display_name",
                    OPERATOR_NAME,
                    "role",
                    "operator",
                    "password",
                    OPERATOR_PASSWORD)))
        .post("/operators")
        .then()
        .statusCode(201);
  }

  private synchronized void stop() {
    try {
      function.close();
    } finally {
      gateway.close();
      closeRest();
      // messaging, the first gateway, their databases and vhost: GatewayUnderTest's own hooks.
    }
  }

  private void closeRest() {
    ollama.close();
    operatorProxy.close();
    customerProxy.close();
  }
}
