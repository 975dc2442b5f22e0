package org.supportinbox.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * compose.yaml: valid for Compose, refuses to start without its secrets, and has the shape issue 6
 * asks for (health-gated start-up, restarts, scalable AI functions, the design's ports on
 * loopback). Nothing here needs a Docker engine; the Compose checks need Debian's docker-compose.
 */
class ComposeFileTest {

  /** Settings without a usable default: Compose must refuse to start without any of them. */
  static final Set<String> REQUIRED =
      Set.of(
          "JWT_SECRET",
          "INBOX_ADMIN_PASSWORD",
          "METRICS_TOKEN",
          "POSTGRES_PASSWORD",
          "RABBITMQ_PASSWORD");

  /** Test values only: each satisfies its service's own check (lengths). */
  static Map<String, String> requiredSettings() {
    Map<String, String> env = new HashMap<>();
    env.put("JWT_SECRET", "test-only-secret-0123456789abcdef0123456789");
    env.put("INBOX_ADMIN_PASSWORD", "test-only-admin-password");
    env.put("METRICS_TOKEN", "test-only-metrics-token");
    env.put("POSTGRES_PASSWORD", "test-only-postgres");
    env.put("RABBITMQ_PASSWORD", "test-only-rabbitmq");
    return env;
  }

  /** Init steps: they run once and exit; whoever needs them waits for their completion. */
  static final Set<String> INIT_STEPS = Set.of("ollama-pull");

  /** Services built from this repository, their health checks in their Dockerfiles. */
  static final Map<String, String> BUILT =
      Map.of(
          "messaging", "messaging-war/Dockerfile",
          "gateway", "gateway-war/Dockerfile",
          "ai-function", "functions/Dockerfile");

  private static ComposeFile compose;

  @TempDir Path temp;

  @BeforeAll
  static void load() {
    compose = ComposeFile.load();
  }

  @Test
  void composeAcceptsTheFileWithTheRequiredSettings() {
    ComposeCli.requireInstalled();
    ComposeCli.Result result = ComposeCli.run(requiredSettings(), emptyEnvFile(), "config", "-q");
    assertThat(result.exitCode()).as(result.output()).isZero();
    ComposeCli.Result gpu =
        ComposeCli.run(requiredSettings(), emptyEnvFile(), "--profile", "gpu", "config", "-q");
    assertThat(gpu.exitCode()).as(gpu.output()).isZero();
  }

  @Test
  void composeResolvesTheScaledServiceAndTheDefaults() {
    ComposeCli.requireInstalled();
    ComposeCli.Result result = ComposeCli.run(requiredSettings(), emptyEnvFile(), "config");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("replicas: 2")
        .contains("JWT_SECRET: " + requiredSettings().get("JWT_SECRET"))
        .contains("127.0.0.1:80:8000", "127.0.0.1:8000:8000", "127.0.0.1:8001:8001")
        .contains("127.0.0.1:15672:15672");
  }

  @ParameterizedTest
  @MethodSource("required")
  void composeRefusesToStartWithoutARequiredSetting(String missing) {
    ComposeCli.requireInstalled();
    Map<String, String> env = requiredSettings();
    env.remove(missing);
    ComposeCli.Result result = ComposeCli.run(env, emptyEnvFile(), "config", "-q");
    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).contains(missing);
  }

  @Test
  void anEmptyRequiredSettingCountsAsMissing() {
    ComposeCli.requireInstalled();
    Map<String, String> env = requiredSettings();
    env.put("JWT_SECRET", "");
    ComposeCli.Result result = ComposeCli.run(env, emptyEnvFile(), "config", "-q");
    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).contains("JWT_SECRET");
  }

  static Set<String> required() {
    return new TreeSet<>(REQUIRED);
  }

  @Test
  void theSecretsAreRequiredEverywhereAndHaveNoDefault() {
    Map<String, Set<String>> forms = new TreeMap<>();
    for (ComposeFile.Reference r : compose.references()) {
      forms
          .computeIfAbsent(r.name(), k -> new TreeSet<>())
          .add(r.required() ? "required" : r.fallback().isPresent() ? "default" : "bare");
    }
    Set<String> required =
        forms.entrySet().stream()
            .filter(e -> e.getValue().contains("required"))
            .map(Map.Entry::getKey)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(required).containsExactlyInAnyOrderElementsOf(REQUIRED);
    for (String secret : REQUIRED) {
      assertThat(forms.get(secret)).as("every use of ${%s}", secret).containsExactly("required");
    }
  }

  @Test
  void theServicesOfTheDesignAreThere() {
    assertThat(compose.serviceNames())
        .contains(
            "postgres", "rabbitmq", "ollama", "ollama-pull", "messaging", "gateway", "ai-function");
  }

  @Test
  void aiFunctionsScaleFreely() {
    JsonNode fn = compose.service("ai-function");
    assertThat(fn.has("container_name")).as("ai-function's container_name").isFalse();
    assertThat(fn.has("hostname")).as("ai-function's hostname").isFalse();
    assertThat(fn.has("ports")).as("ai-function's host ports").isFalse();
    assertThat(fn.path("deploy").path("replicas").asInt()).isEqualTo(2);
  }

  @Test
  void noServiceHasAFixedContainerName() {
    for (String name : compose.serviceNames()) {
      assertThat(compose.service(name).has("container_name")).as(name).isFalse();
    }
  }

  @Test
  void everyServiceIsHealthCheckedOrAnInitStep() {
    for (String name : compose.serviceNames()) {
      JsonNode service = compose.service(name);
      if (INIT_STEPS.contains(name)) {
        assertThat(service.path("restart").asText()).as(name + " restart").isEqualTo("no");
        continue;
      }
      if (BUILT.containsKey(name)) {
        assertThat(service.path("build").path("dockerfile").asText())
            .as(name + " build")
            .isEqualTo(BUILT.get(name));
        assertThat(Dockerfile.of(BUILT.get(name)).finalStage().all("HEALTHCHECK"))
            .as(name + "'s HEALTHCHECK")
            .hasSize(1);
      } else {
        assertThat(service.path("healthcheck").path("test").isMissingNode())
            .as(name + " healthcheck")
            .isFalse();
      }
    }
  }

  @Test
  void initStepsAreWaitedForUntilTheyCompleted() {
    for (String init : INIT_STEPS) {
      List<String> waiting = new ArrayList<>();
      for (String name : compose.serviceNames()) {
        JsonNode on = compose.service(name).path("depends_on").path(init);
        if (!on.isMissingNode()) {
          assertThat(on.path("condition").asText())
              .as(name + " on " + init)
              .isEqualTo("service_completed_successfully");
          waiting.add(name);
        }
      }
      assertThat(waiting).as("who waits for " + init).contains("ai-function");
    }
  }

  @Test
  void startUpWaitsForHealthyDependencies() {
    assertThat(dependencies("messaging"))
        .containsOnly(
            Map.entry("postgres", "service_healthy"), Map.entry("rabbitmq", "service_healthy"));
    assertThat(dependencies("gateway"))
        .containsOnly(
            Map.entry("postgres", "service_healthy"),
            Map.entry("rabbitmq", "service_healthy"),
            Map.entry("messaging", "service_healthy"));
    assertThat(dependencies("ai-function"))
        .containsOnly(
            Map.entry("rabbitmq", "service_healthy"),
            Map.entry("messaging", "service_healthy"),
            Map.entry("ollama-pull", "service_completed_successfully"));
    for (String name : compose.serviceNames()) {
      dependencies(name)
          .forEach(
              (on, condition) ->
                  assertThat(condition)
                      .as(name + " on " + on)
                      .isEqualTo(
                          INIT_STEPS.contains(on)
                              ? "service_completed_successfully"
                              : "service_healthy"));
    }
  }

  @Test
  void longRunningServicesRestart() {
    for (String name : compose.serviceNames()) {
      if (!INIT_STEPS.contains(name)) {
        assertThat(compose.service(name).path("restart").asText())
            .as(name + " restart")
            .isIn("unless-stopped", "always");
      }
    }
  }

  @Test
  void theDesignPortsArePublishedOnLoopbackByDefault() {
    assertThat(ports("gateway")).containsExactly("127.0.0.1:80:8000", "127.0.0.1:8000:8000");
    assertThat(ports("messaging")).containsExactly("127.0.0.1:8001:8001");
    assertThat(ports("rabbitmq")).containsExactly("127.0.0.1:15672:15672");
    for (String name : List.of("postgres", "ollama", "ollama-gpu", "ollama-pull", "ai-function")) {
      assertThat(ports(name)).as(name + " publishes nothing").isEmpty();
    }
    for (String name : compose.serviceNames()) {
      for (JsonNode port : compose.service(name).path("ports")) {
        assertThat(port.asText()).as(name).startsWith("${BIND_HOST:-127.0.0.1}:");
      }
    }
  }

  @Test
  void containersListenOnEveryInterface() {
    for (String name : BUILT.keySet()) {
      assertThat(compose.environment(name)).as(name).containsEntry("BIND_ADDRESS", "0.0.0.0");
    }
  }

  @Test
  void theGatewayHasADatabaseOfItsOwnOnTheSameServer() {
    Map<String, String> gateway = compose.environment("gateway");
    Map<String, String> messaging = compose.environment("messaging");
    assertThat(gateway.get("POSTGRES_DB")).isEqualTo("${GATEWAY_POSTGRES_DB:-inbox_gateway}");
    assertThat(messaging.get("POSTGRES_DB")).isEqualTo("${POSTGRES_DB:-inbox}");
    assertThat(gateway.get("POSTGRES_HOST")).isEqualTo(messaging.get("POSTGRES_HOST"));
    Map<String, String> postgres = compose.environment("postgres");
    assertThat(postgres.get("GATEWAY_POSTGRES_DB")).isEqualTo(gateway.get("POSTGRES_DB"));
    assertThat(postgres.get("POSTGRES_DB")).isEqualTo(messaging.get("POSTGRES_DB"));
    assertThat(Repo.read("deployment/postgres/create-gateway-database.sh"))
        .contains("GATEWAY_POSTGRES_DB");
  }

  @Test
  void theGpuVariantIsBehindAProfile() {
    JsonNode gpu = compose.service("ollama-gpu");
    assertThat(gpu.path("profiles").toString()).isEqualTo("[\"gpu\"]");
    assertThat(gpu.path("deploy").path("resources").path("reservations").path("devices").toString())
        .contains("\"gpu\"");
    assertThat(compose.service("ollama").has("profiles"))
        .as("the CPU Ollama runs by default")
        .isFalse();
  }

  @Test
  void mountedFilesAreInTheRepository() {
    for (String name : compose.serviceNames()) {
      for (JsonNode volume : compose.service(name).path("volumes")) {
        String source = volume.asText().split(":", 2)[0];
        if (source.startsWith("./")) {
          Path file = Repo.path(source.substring(2));
          assertThat(file).as(name + " mounts " + source).exists();
          if (source.endsWith(".sh")) {
            assertThat(Files.isExecutable(file)).as(source + " is executable").isTrue();
          }
        }
      }
    }
  }

  @Test
  void imagesAreBuiltFromTheRepositoryRoot() {
    for (Map.Entry<String, String> built : BUILT.entrySet()) {
      JsonNode build = compose.service(built.getKey()).path("build");
      assertThat(build.path("context").asText()).as(built.getKey()).isEqualTo(".");
      assertThat(Repo.path(built.getValue())).exists();
    }
  }

  private Map<String, String> dependencies(String service) {
    Map<String, String> on = new TreeMap<>();
    JsonNode node = compose.service(service).path("depends_on");
    assertThat(node.isArray())
        .as(service + ": depends_on in the long form, with a condition")
        .isFalse();
    node.fields()
        .forEachRemaining(e -> on.put(e.getKey(), e.getValue().path("condition").asText()));
    return on;
  }

  private List<String> ports(String service) {
    List<String> ports = new ArrayList<>();
    for (JsonNode port : compose.service(service).path("ports")) {
      ports.add(ComposeFile.withDefaults(port.asText()));
    }
    return ports;
  }

  private Path emptyEnvFile() {
    return temp.resolve("empty.env");
  }
}
