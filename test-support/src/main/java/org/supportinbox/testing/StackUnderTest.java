package org.supportinbox.testing;

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
import java.util.Map;
import java.util.function.Supplier;

/**
 * The whole system as a client meets it: messaging and the first gateway ({@link GatewayUnderTest}:
 * fresh databases and vhost, one JWT secret), a gateway instance of the test's own with the
 * settings it needs, one analyze function replica answering from an {@link OllamaDouble}, and an
 * operator account; all started through {@link InboxStack}. Suites that drive the system from
 * outside (e2e's browsers, hostile's attacks) extend it and start it once per test JVM with {@link
 * #once}.
 *
 * <p>Everything the test's clients use goes to {@link #gateway}; messaging, the first gateway,
 * their databases and vhost are stopped by {@code GatewayUnderTest}'s own hooks.
 */
public class StackUnderTest {

  /** How long a replica may take to report healthy on a busy two-core machine. */
  private static final Duration FUNCTION_READY = Duration.ofSeconds(120);

  public final GatewayUnderTest system;
  public final PayaraMicro gateway;
  public final OllamaDouble ollama;
  private final Map<String, String> functionEnv;
  private FunctionUnderTest function;

  /**
   * Starts the stack.
   *
   * @param name names the gateway instance ({@code gateway-<name>}) and the replica ({@code
   *     ai-function-<name>}) in the logs
   * @param gatewayEnv the gateway instance's settings over GatewayUnderTest's
   * @param functionEnv the replica's settings over {@link InboxStack#functionEnvironment}
   * @param operator the operator account to create: user name, display name, password
   */
  protected StackUnderTest(
      String name,
      Map<String, String> gatewayEnv,
      Map<String, String> functionEnv,
      String[] operator)
      throws IOException {
    system = GatewayUnderTest.get();
    ollama = OllamaDouble.start("phi3:mini");
    PayaraMicro startedGateway = null;
    FunctionUnderTest startedFunction = null;
    try {
      startedGateway = system.stack().startGateway("gateway-" + name, gatewayEnv);
      Map<String, String> env = system.stack().functionEnvironment(ollama.url());
      env.putAll(functionEnv);
      this.functionEnv = Map.copyOf(env);
      startedFunction = FunctionUnderTest.start("ai-function-" + name, env);
      gateway = startedGateway;
      function = startedFunction.awaitHealthy(FUNCTION_READY);
      createOperator(operator[0], operator[1], operator[2]);
    } catch (IOException | RuntimeException e) {
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

  /**
   * {@code stack} started now, and stopped (with {@link #stop}) when the JVM exits: the one stack
   * of a test JVM, for a suite's {@code get()}.
   */
  protected static <T extends StackUnderTest> T once(IoSupplier<T> stack) {
    try {
      T s = stack.get();
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "stack-under-test-stop"));
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A constructor that may fail with an {@link IOException} ({@link Supplier} may not). */
  @FunctionalInterface
  protected interface IoSupplier<T> {
    T get() throws IOException;
  }

  /** The gateway's API. */
  public RequestSpecification api() {
    return given().baseUri(gateway.baseUrl()).contentType(ContentType.JSON);
  }

  public RequestSpecification api(String token) {
    return api().header("Authorization", "Bearer " + token);
  }

  /** {@code POST /login}: the access token ({@link CustomerClient#login}; throws unless 200). */
  public String login(String username, String password) {
    return new CustomerClient(gateway.baseUrl()).login(username, password);
  }

  public String adminToken() {
    return login(GatewayUnderTest.ADMIN, system.adminPassword);
  }

  /** A new operator account, created by the admin. */
  public void createOperator(String username, String displayName, String password) {
    api(adminToken())
        .body(
            json(
                Map.of(
                    "username",
                    username,
                    "display_name",
                    displayName,
                    "role",
                    "operator",
                    "password",
                    password)))
        .post("/operators")
        .then()
        .statusCode(201);
  }

  /** A conversation as operators read it ({@code GET /conversations/{id}}). */
  public JsonPath conversation(String token, String conversationId) {
    return api(token)
        .get("/conversations/" + conversationId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /**
   * Replaces the analyze replica with one whose settings are the stack's plus {@code overrides}
   * (none: the stack's own again). The old replica stops first, so the new one takes every event;
   * tests that change it put it back when they end.
   */
  public synchronized void restartFunction(Map<String, String> overrides, String name) {
    function.close();
    Map<String, String> env = new HashMap<>(functionEnv);
    env.putAll(overrides);
    try {
      function = FunctionUnderTest.start(name, env).awaitHealthy(FUNCTION_READY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the analyze replica has logged so far (stdout and stderr). */
  public synchronized String functionLog() {
    return function.log();
  }

  /** A JSON object of string fields (REST Assured has no JSON mapper here). */
  public static String json(Map<String, String> fields) {
    JsonObjectBuilder o = Json.createObjectBuilder();
    fields.forEach(o::add);
    return o.build().toString();
  }

  /** Stops what this stack started; a subclass that starts more stops it after calling this. */
  protected synchronized void stop() {
    try {
      function.close();
    } finally {
      gateway.close();
      ollama.close();
    }
  }
}
