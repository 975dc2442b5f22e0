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
 * loopback), hardened (capabilities, limits, non-root Ollama, the services' own broker users, only
 * the gateway on BIND_HOST). Nothing here needs a Docker engine; the Compose checks need Debian's
 * docker-compose.
 */
class ComposeFileTest {

  /** Settings without a usable default: Compose must refuse to start without any of them. */
  static final Set<String> REQUIRED =
      Set.of(
          "JWT_SECRET",
          "AI_FUNCTION_SECRET",
          "INBOX_ADMIN_PASSWORD",
          "METRICS_TOKEN",
          "POSTGRES_PASSWORD",
          "RABBITMQ_PASSWORD",
          "RABBITMQ_MESSAGING_PASSWORD",
          "RABBITMQ_GATEWAY_PASSWORD",
          "RABBITMQ_FUNCTIONS_PASSWORD");

  /** Test values only: each satisfies its service's own check (lengths). */
  static Map<String, String> requiredSettings() {
    Map<String, String> env = new HashMap<>();
    env.put("JWT_SECRET", "test-only-secret-0123456789abcdef0123456789");
    env.put("AI_FUNCTION_SECRET", "test-only-function-secret-0123456789abcdef");
    env.put("INBOX_ADMIN_PASSWORD", "test-only-admin-password");
    env.put("METRICS_TOKEN", "test-only-metrics-token");
    env.put("POSTGRES_PASSWORD", "test-only-postgres");
    env.put("RABBITMQ_PASSWORD", "test-only-rabbitmq");
    env.put("RABBITMQ_MESSAGING_PASSWORD", "test-only-rabbitmq-messaging");
    env.put("RABBITMQ_GATEWAY_PASSWORD", "test-only-rabbitmq-gateway");
    env.put("RABBITMQ_FUNCTIONS_PASSWORD", "test-only-rabbitmq-functions");
    return env;
  }

  /**
   * Init steps: they run once and exit; whoever needs them waits for their completion. Each with
   * the services that must wait for it.
   */
  static final Map<String, Set<String>> INIT_STEPS =
      Map.of(
          "ollama-pull", Set.of("ai-function"),
          "ollama-volume", Set.of("ollama", "ollama-gpu"),
          "rabbitmq-users", Set.of("messaging", "gateway", "ai-function", "mail-function"));

  /**
   * The capabilities each container gets back after dropping all, and why (compose.yaml says it at
   * each): the official images' entry points start as root, chown their data and drop to their user
   * with gosu; ollama-volume chowns the models' volume. Everything else gets none.
   */
  static final Map<String, Set<String>> CAPABILITIES =
      Map.of(
          "postgres", Set.of("CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"),
          "rabbitmq", Set.of("CHOWN", "DAC_OVERRIDE", "SETGID", "SETUID"),
          "ollama-volume", Set.of("CHOWN", "DAC_READ_SEARCH"));

  /** The services whose broker user is their own, with the password variable of each. */
  static final Map<String, String> BROKER_USERS =
      Map.of(
          "messaging", "RABBITMQ_MESSAGING_PASSWORD",
          "gateway", "RABBITMQ_GATEWAY_PASSWORD",
          "ai-function", "RABBITMQ_FUNCTIONS_PASSWORD",
          "mail-function", "RABBITMQ_MAIL_PASSWORD");

  /**
   * Services of a profile, off by default, and their broker users' passwords: optional in compose
   * (a required one would stop every `up`) and in service-users.conf.
   */
  static final Map<String, String> OPTIONAL = Map.of("mail-function", "email");

  /** The mail function's entry point, which its service gives the functions' image. */
  static final String MAIL_MAIN = "org.supportinbox.functions.mail.MailMain";

  /** Services built from this repository, their health checks in their Dockerfiles. */
  static final Map<String, String> BUILT =
      Map.of(
          "messaging", "messaging-war/Dockerfile",
          "gateway", "gateway-war/Dockerfile",
          "ai-function", "functions/Dockerfile",
          "mail-function", "functions/Dockerfile");

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
    ComposeCli.Result email =
        ComposeCli.run(requiredSettings(), emptyEnvFile(), "--profile", "email", "config", "-q");
    assertThat(email.exitCode()).as(email.output()).isZero();
  }

  @Test
  void theMailFunctionIsTheFunctionsImageWithTheMailEntryPoint() {
    JsonNode mail = compose.service("mail-function");
    assertThat(mail.path("profiles").toString())
        .isEqualTo("[\"" + OPTIONAL.get("mail-function") + "\"]");
    assertThat(mail.path("image").asText())
        .isEqualTo(compose.service("ai-function").path("image").asText());
    List<String> entrypoint = texts(mail.path("entrypoint"));
    List<String> image = new ArrayList<>();
    java.util.regex.Matcher strings =
        java.util.regex.Pattern.compile("\"([^\"]*)\"")
            .matcher(Dockerfile.of(BUILT.get("mail-function")).finalStage().last("ENTRYPOINT"));
    while (strings.find()) {
      image.add(strings.group(1));
    }
    assertThat(entrypoint).startsWith(image.toArray(String[]::new));
    assertThat(entrypoint.subList(image.size(), entrypoint.size()))
        .containsExactly("--main", MAIL_MAIN);
    assertThat(Repo.path("functions/src/main/java/" + MAIL_MAIN.replace('.', '/') + ".java"))
        .exists();
    // Replicas are safe (one reads the mailbox at a time): no name, no host port, two of them.
    assertThat(mail.has("ports")).isFalse();
    assertThat(mail.path("deploy").path("replicas").asInt()).isEqualTo(2);
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
        .contains("127.0.0.1:15672:15672")
        .contains("mem_limit: 8g");
  }

  @Test
  void bindHostMovesTheGatewaysPortsOnly() {
    ComposeCli.requireInstalled();
    Map<String, String> env = requiredSettings();
    env.put("BIND_HOST", "0.0.0.0");
    ComposeCli.Result result = ComposeCli.run(env, emptyEnvFile(), "config");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("0.0.0.0:80:8000", "0.0.0.0:8000:8000")
        .contains("127.0.0.1:8001:8001", "127.0.0.1:15672:15672")
        .doesNotContain("0.0.0.0:8001", "0.0.0.0:15672");
  }

  @Test
  void ollamasMemoryLimitFollowsItsVariable() {
    ComposeCli.requireInstalled();
    Map<String, String> env = requiredSettings();
    env.put("OLLAMA_MEM_LIMIT", "24g");
    ComposeCli.Result result = ComposeCli.run(env, emptyEnvFile(), "config");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("mem_limit: 24g").doesNotContain("mem_limit: 8g");
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
      if (INIT_STEPS.containsKey(name)) {
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
    assertThat(compose.serviceNames()).containsAll(INIT_STEPS.keySet());
    for (Map.Entry<String, Set<String>> init : INIT_STEPS.entrySet()) {
      List<String> waiting = new ArrayList<>();
      for (String name : compose.serviceNames()) {
        JsonNode on = compose.service(name).path("depends_on").path(init.getKey());
        if (!on.isMissingNode()) {
          assertThat(on.path("condition").asText())
              .as(name + " on " + init.getKey())
              .isEqualTo("service_completed_successfully");
          waiting.add(name);
        }
      }
      assertThat(waiting).as("who waits for " + init.getKey()).containsAll(init.getValue());
    }
  }

  @Test
  void startUpWaitsForHealthyDependencies() {
    assertThat(dependencies("messaging"))
        .containsOnly(
            Map.entry("postgres", "service_healthy"),
            Map.entry("rabbitmq", "service_healthy"),
            Map.entry("rabbitmq-users", "service_completed_successfully"));
    assertThat(dependencies("gateway"))
        .containsOnly(
            Map.entry("postgres", "service_healthy"),
            Map.entry("rabbitmq", "service_healthy"),
            Map.entry("rabbitmq-users", "service_completed_successfully"),
            Map.entry("messaging", "service_healthy"));
    assertThat(dependencies("ai-function"))
        .containsOnly(
            Map.entry("rabbitmq", "service_healthy"),
            Map.entry("rabbitmq-users", "service_completed_successfully"),
            Map.entry("messaging", "service_healthy"),
            Map.entry("ollama-pull", "service_completed_successfully"));
    assertThat(dependencies("mail-function"))
        .containsOnly(
            Map.entry("rabbitmq", "service_healthy"),
            Map.entry("rabbitmq-users", "service_completed_successfully"),
            Map.entry("messaging", "service_healthy"));
    assertThat(dependencies("rabbitmq-users"))
        .containsOnly(Map.entry("rabbitmq", "service_healthy"));
    for (String name : compose.serviceNames()) {
      dependencies(name)
          .forEach(
              (on, condition) ->
                  assertThat(condition)
                      .as(name + " on " + on)
                      .isEqualTo(
                          INIT_STEPS.containsKey(on)
                              ? "service_completed_successfully"
                              : "service_healthy"));
    }
  }

  @Test
  void longRunningServicesRestart() {
    for (String name : compose.serviceNames()) {
      if (!INIT_STEPS.containsKey(name)) {
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
    Set<String> publishing = Set.of("gateway", "messaging", "rabbitmq");
    for (String name : compose.serviceNames()) {
      if (!publishing.contains(name)) {
        assertThat(ports(name)).as(name + " publishes nothing").isEmpty();
      }
    }
    // BIND_HOST moves the UI and the gateway only. Messaging's API (operator tokens work there
    // without the gateway's denylist) and RabbitMQ's management UI never leave the host.
    for (JsonNode port : compose.service("gateway").path("ports")) {
      assertThat(port.asText()).as("gateway").startsWith("${BIND_HOST:-127.0.0.1}:");
    }
    for (String name : List.of("messaging", "rabbitmq")) {
      for (JsonNode port : compose.service(name).path("ports")) {
        assertThat(port.asText()).as(name).startsWith("127.0.0.1:");
      }
    }
  }

  @Test
  void everyContainerDropsItsPrivileges() {
    for (String name : compose.serviceNames()) {
      JsonNode service = compose.service(name);
      assertThat(texts(service.path("security_opt")))
          .as(name + " security_opt")
          .contains("no-new-privileges:true");
      assertThat(texts(service.path("cap_drop"))).as(name + " cap_drop").containsExactly("ALL");
      assertThat(texts(service.path("cap_add")))
          .as(name + " cap_add")
          .containsExactlyInAnyOrderElementsOf(CAPABILITIES.getOrDefault(name, Set.of()));
      assertThat(service.path("privileged").asBoolean(false)).as(name + " privileged").isFalse();
    }
  }

  @Test
  void everyContainerHasAMemoryAndAProcessLimit() {
    for (String name : compose.serviceNames()) {
      JsonNode service = compose.service(name);
      assertThat(ComposeFile.withDefaults(service.path("mem_limit").asText()))
          .as(name + " mem_limit")
          .matches("[1-9][0-9]*[mg]");
      assertThat(service.path("pids_limit").asInt()).as(name + " pids_limit").isPositive();
      // deploy.resources.limits is ignored by docker-compose 1.x: one way of saying it only.
      assertThat(service.path("deploy").path("resources").has("limits"))
          .as(name + " deploy.resources.limits")
          .isFalse();
    }
    assertThat(compose.service("ollama").path("mem_limit").asText())
        .isEqualTo("${OLLAMA_MEM_LIMIT:-8g}");
  }

  @Test
  void ollamaRunsAsAnUnprivilegedUserOnAVolumeHandedToIt() {
    JsonNode init = compose.service("ollama-volume");
    List<String> chown = texts(init.path("entrypoint"));
    assertThat(chown).hasSize(4).startsWith("chown", "-R");
    String owner = chown.get(2);
    String mount = chown.get(3);
    assertThat(texts(init.path("volumes"))).containsExactly("ollama-models:" + mount);
    for (String name : List.of("ollama", "ollama-gpu")) {
      JsonNode service = compose.service(name);
      assertThat(service.path("user").asText()).as(name + " user").isEqualTo(owner);
      assertThat(texts(service.path("volumes"))).as(name).containsExactly("ollama-models:" + mount);
      assertThat(compose.environment(name))
          .as(name)
          .containsEntry("HOME", mount)
          .containsEntry("OLLAMA_MODELS", mount + "/models");
    }
    assertThat(compose.service("ollama-pull").path("user").asText()).isEqualTo(owner);
    assertThat(owner).doesNotStartWith("0:").doesNotStartWith("root");
  }

  @Test
  void eachServiceLogsInToTheBrokerAsItsOwnUser() {
    Map<String, String> fileUsers = ServiceUsersFile.load().users();
    Map<String, String> init = compose.environment("rabbitmq-users");
    Set<String> users = new TreeSet<>();
    for (Map.Entry<String, String> service : BROKER_USERS.entrySet()) {
      Map<String, String> env = compose.environment(service.getKey());
      String user = env.get("RABBITMQ_USER");
      String variable = service.getValue();
      assertThat(user).as(service.getKey() + "'s RABBITMQ_USER").doesNotContain("$");
      assertThat(fileUsers).as("service-users.conf").containsEntry(user, variable);
      boolean optional = OPTIONAL.containsKey(service.getKey());
      assertThat(ComposeFile.references(env.get("RABBITMQ_PASSWORD")))
          .as(service.getKey() + "'s RABBITMQ_PASSWORD")
          .singleElement()
          .satisfies(r -> assertThat(r.name()).isEqualTo(variable))
          .satisfies(r -> assertThat(r.required()).isEqualTo(!optional));
      assertThat(ServiceUsersFile.load().optional(user))
          .as(user + " optional in service-users.conf")
          .isEqualTo(optional);
      assertThat(init.get(variable))
          .as("rabbitmq-users' " + variable)
          .isEqualTo(env.get("RABBITMQ_PASSWORD"));
      users.add(user);
    }
    assertThat(users).as("one user per service").hasSize(BROKER_USERS.size());
    assertThat(fileUsers.keySet()).as("every user of the file is used").isEqualTo(users);
    // The step logs in as the admin, to the broker the services use, with the file and script.
    assertThat(init)
        .containsEntry("RABBITMQ_USER", "${RABBITMQ_USER:-inbox}")
        .containsEntry("RABBITMQ_VHOST", "${RABBITMQ_VHOST:-/}")
        .containsEntry("EVENT_EXCHANGE", "${EVENT_EXCHANGE:-inbox.events}")
        .containsEntry("AI_QUEUE", "${AI_QUEUE:-ai.analyze}")
        .containsEntry("MAIL_QUEUE", "${MAIL_QUEUE:-mail.send}");
    assertThat(texts(compose.service("rabbitmq-users").path("volumes")))
        .anyMatch(v -> v.startsWith("./deployment/rabbitmq/service-users.sh:"))
        .anyMatch(v -> v.startsWith("./" + ServiceUsersFile.FILE + ":"));
  }

  @Test
  void theAiFunctionsHoldTheirOwnKeyAndNotTheOperators() {
    Map<String, String> fn = compose.environment("ai-function");
    assertThat(fn).containsKey("AI_FUNCTION_SECRET").doesNotContainKeys("JWT_SECRET", "JWT_ISSUER");
    assertThat(compose.environment("mail-function"))
        .containsKey("MAIL_FUNCTION_SECRET")
        .doesNotContainKeys("JWT_SECRET", "JWT_ISSUER", "AI_FUNCTION_SECRET");
    assertThat(compose.environment("messaging").get("MAIL_FUNCTION_SECRET"))
        .isEqualTo(compose.environment("mail-function").get("MAIL_FUNCTION_SECRET"));
    assertThat(compose.environment("messaging")).containsKeys("AI_FUNCTION_SECRET", "JWT_SECRET");
    assertThat(compose.environment("gateway")).containsKeys("AI_FUNCTION_SECRET", "JWT_SECRET");
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
    for (String name : compose.serviceNames()) {
      if (compose.service(name).has("profiles")) {
        assertThat(name).as("a service behind a profile").isIn("ollama-gpu", "mail-function");
      }
    }
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

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
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
