package org.supportinbox.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deployment/kubernetes/: every overlay renders with {@code kubectl kustomize}, and what it renders
 * matches the sources, the images and the docs: the variables each service reads (found in its
 * sources by {@link ServiceReads}, so a new setting fails here until the manifests set it), probes,
 * resources and a non-root, read-only security context on every container, the images of
 * compose.yaml and the Dockerfiles, the queue KEDA scales on, the NetworkPolicies, the operators'
 * resources the services reach, and no Secret with a value in the repository.
 */
class KubernetesManifestsTest {

  /** The product's Deployments, by compose service name (the same names here). */
  static final List<String> SERVICES =
      List.of("messaging", "gateway", "ai-function", "mail-function");

  /** The functions: plain JVMs from functions/Dockerfile, without the operators' key. */
  static final List<String> FUNCTIONS = List.of("ai-function", "mail-function");

  /**
   * Variables a service reads that the manifests leave to the code's default on purpose, and why.
   * Every other one is set, as compose.yaml sets every one.
   */
  static final Map<String, String> DEFAULTED = Map.of();

  /** Where the cluster needs another value than the code's default, and why. */
  static final Map<String, String> CLUSTER_VALUES =
      Map.of(
          "BIND_ADDRESS", "listen on the pod's interfaces, not on its loopback",
          "RABBITMQ_HOST", "the RabbitMQ Cluster Operator's client Service",
          "MESSAGING_URL", "messaging's Service",
          "OLLAMA_URL", "Ollama's Service",
          "ALLOWED_ORIGINS", "the overlay's Ingress host");

  /** A variable whose name says it is a secret: it must come from a Secret. */
  static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|PASSWORD|TOKEN)$");

  /** Each component's egress besides DNS: pod label value and port. */
  static final Map<String, Set<String>> EGRESS =
      Map.of(
          "messaging", Set.of("inbox-postgres:5432", "inbox-rabbitmq:5672"),
          "gateway", Set.of("messaging:8001", "inbox-postgres:5432", "inbox-rabbitmq:5672"),
          "ai-function", Set.of("inbox-rabbitmq:5672", "messaging:8001", "ollama:11434"),
          "mail-function",
              Set.of(
                  "inbox-rabbitmq:5672",
                  "messaging:8001",
                  "outside:993",
                  "outside:143",
                  "outside:465",
                  "outside:587"),
          "ollama", Set.of());

  /** Each component's ingress: pod label values, or {@code ns:<namespace>}, and port. */
  static final Map<String, Set<String>> INGRESS =
      Map.of(
          "messaging", Set.of("gateway:8001", "ai-function:8001", "mail-function:8001"),
          "gateway", Set.of("ns:ingress-nginx:8000"),
          "ai-function", Set.of(),
          "mail-function", Set.of(),
          "ollama", Set.of("ai-function:11434"));

  private static final Map<String, KubernetesManifests> RENDERED = new HashMap<>();

  static List<String> overlays() {
    return KubernetesManifests.overlays();
  }

  private static synchronized KubernetesManifests manifests(String overlay) {
    KustomizeCli.requireInstalled();
    return RENDERED.computeIfAbsent(overlay, KubernetesManifests::render);
  }

  @Test
  void thereAreADevAndAProductionOverlayAndAGpuComponent() {
    assertThat(overlays()).contains("dev", "production");
    assertThat(Repo.path(KubernetesManifests.DIRECTORY + "/components/gpu/kustomization.yaml"))
        .exists();
    assertThat(Repo.path(KubernetesManifests.DIRECTORY + "/base/kustomization.yaml")).exists();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyContainerHasProbesResourcesAndARestrictedSecurityContext(String overlay) {
    KubernetesManifests m = manifests(overlay);
    assertThat(m.workloads()).hasSizeGreaterThanOrEqualTo(4);
    List<String> problems = new ArrayList<>();
    for (JsonNode workload : m.workloads()) {
      String name = workload.path("kind").asText() + " " + workload.path("metadata").path("name");
      JsonNode pod = KubernetesManifests.podSpec(workload);
      List<JsonNode> all = new ArrayList<>(KubernetesManifests.containers(workload, "containers"));
      all.addAll(KubernetesManifests.containers(workload, "initContainers"));
      Set<String> mounts = new TreeSet<>();
      for (JsonNode c : all) {
        String where = name + " container " + c.path("name").asText();
        boolean init = KubernetesManifests.containers(workload, "initContainers").contains(c);
        if (!init) {
          for (String probe : List.of("readinessProbe", "livenessProbe")) {
            if (!c.has(probe)) {
              problems.add(where + " has no " + probe);
            }
          }
        }
        for (String bound : List.of("requests", "limits")) {
          for (String resource : List.of("cpu", "memory")) {
            if (c.path("resources").path(bound).path(resource).asText().isEmpty()) {
              problems.add(where + " has no " + bound + "." + resource);
            }
          }
        }
        JsonNode sc = c.path("securityContext");
        if (!effective(sc, pod, "runAsNonRoot").equals("true")) {
          problems.add(where + " is not runAsNonRoot");
        }
        String uid = effective(sc, pod, "runAsUser");
        if (uid.isEmpty() || uid.equals("0")) {
          problems.add(where + " has no non-zero runAsUser");
        }
        if (!sc.path("allowPrivilegeEscalation").asText().equals("false")) {
          problems.add(where + " allows privilege escalation");
        }
        if (!sc.path("readOnlyRootFilesystem").asText().equals("true")) {
          problems.add(where + " has a writable root filesystem");
        }
        if (!sc.path("capabilities").path("drop").toString().contains("\"ALL\"")) {
          problems.add(where + " does not drop every capability");
        }
        c.path("volumeMounts").forEach(v -> mounts.add(v.path("mountPath").asText()));
        if (!mounts.contains("/tmp")) {
          problems.add(where + " has a read-only root filesystem and no volume on /tmp");
        }
      }
    }
    assertThat(problems).as(overlay).isEmpty();
  }

  private static String effective(JsonNode container, JsonNode pod, String field) {
    if (container.has(field)) {
      return container.path(field).asText();
    }
    return pod.path("securityContext").path(field).asText();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyVariableEachServiceReadsIsSetOrDeliberatelyDefaulted(String overlay) {
    KubernetesManifests m = manifests(overlay);
    List<String> missing = new ArrayList<>();
    List<String> unread = new ArrayList<>();
    for (String service : SERVICES) {
      ServiceReads reads = ServiceReads.of(service);
      Map<String, KubernetesManifests.EnvSource> env = m.environment(m.container(service));
      reads
          .reads()
          .forEach(
              (variable, read) -> {
                if (!env.containsKey(variable) && !DEFAULTED.containsKey(variable)) {
                  missing.add(service + " " + variable + " (read by " + read.readBy() + ")");
                }
              });
      env.keySet().stream()
          .filter(v -> !reads.variables().contains(v))
          .forEach(v -> unread.add(service + " " + v));
    }
    assertThat(missing)
        .as(overlay + ": read by the service but set neither in its ConfigMap nor from a Secret")
        .isEmpty();
    assertThat(unread).as(overlay + ": set, but nothing in the service reads it").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void secretsComeFromSecretsAndTheFunctionsNeverGetTheOperatorsKey(String overlay) {
    KubernetesManifests m = manifests(overlay);
    for (String service : SERVICES) {
      m.environment(m.container(service))
          .forEach(
              (variable, source) -> {
                if (SECRET_NAME.matcher(variable).matches()) {
                  assertThat(source.kind())
                      .as(overlay + " " + service + " " + variable)
                      .isEqualTo("secret");
                }
              });
    }
    assertThat(m.environment(m.container("ai-function")))
        .doesNotContainKeys("JWT_SECRET", "JWT_ISSUER", "POSTGRES_PASSWORD");
    assertThat(m.environment(m.container("mail-function")))
        .doesNotContainKeys("JWT_SECRET", "JWT_ISSUER", "POSTGRES_PASSWORD", "AI_FUNCTION_SECRET");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void valuesAreTheCodeDefaultsUnlessTheClusterNeedsAnother(String overlay) {
    KubernetesManifests m = manifests(overlay);
    List<String> differ = new ArrayList<>();
    for (String service : SERVICES) {
      ServiceReads reads = ServiceReads.of(service);
      m.environment(m.container(service))
          .forEach(
              (variable, source) -> {
                ServiceReads.Read read = reads.reads().get(variable);
                Optional<String> code = read == null ? Optional.empty() : read.codeDefault();
                if (source.secret()
                    || code.isEmpty()
                    || code.get().equals(source.value())
                    || CLUSTER_VALUES.containsKey(variable)) {
                  return;
                }
                differ.add(
                    service + " " + variable + ": " + source.value() + ", code " + code.get());
              });
    }
    assertThat(differ).as(overlay).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void aSettingTwoServicesShareHasOneValue(String overlay) {
    KubernetesManifests m = manifests(overlay);
    Set<String> perService = Set.of("SERVICE_NAME", "POSTGRES_DB", "JAVA_OPTS");
    Map<String, Set<String>> values = new TreeMap<>();
    for (String service : SERVICES) {
      m.environment(m.container(service))
          .forEach(
              (variable, source) -> {
                if (!perService.contains(variable)) {
                  values
                      .computeIfAbsent(variable, k -> new TreeSet<>())
                      .add(source.secret() ? "secret " + source.key() : source.value());
                }
              });
    }
    values.forEach((variable, set) -> assertThat(set).as(overlay + " " + variable).hasSize(1));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void imagesPortsAndUsersAreTheDockerfilesAndComposes(String overlay) {
    KubernetesManifests m = manifests(overlay);
    ComposeFile compose = ComposeFile.load();
    Map<String, String> dockerfiles =
        Map.of(
            "messaging", "messaging-war/Dockerfile",
            "gateway", "gateway-war/Dockerfile",
            "ai-function", "functions/Dockerfile",
            "mail-function", "functions/Dockerfile");
    for (String service : SERVICES) {
      JsonNode container = m.container(service);
      String composeImage = compose.service(service).path("image").asText();
      String repository = repository(composeImage);
      String image = container.path("image").asText();
      assertThat(repository(image))
          .as(overlay + " " + service + " image (compose.yaml: " + composeImage + ")")
          .satisfiesAnyOf(
              r -> assertThat(r).isEqualTo(repository),
              r -> assertThat(r).endsWith("/" + repository));
      if (overlay.equals("dev")) {
        assertThat(image).isEqualTo(composeImage);
      }
      Dockerfile dockerfile = Dockerfile.of(dockerfiles.get(service)).finalStage();
      // The Dockerfile's header says how it is tagged: docker build ... -t <repository>.
      assertThat(Repo.read(dockerfiles.get(service))).contains("-t " + repository + " ");
      assertThat(container.path("ports").get(0).path("containerPort").asText())
          .as(service + " port")
          .isEqualTo(dockerfile.last("EXPOSE").strip());
      String uid = dockerfile.last("USER").split(":")[0];
      assertThat(
              KubernetesManifests.podSpec(m.one("Deployment", service))
                  .path("securityContext")
                  .path("runAsUser")
                  .asText())
          .as(service + " runs as the image's user")
          .isEqualTo(uid);
    }
    String ollama = compose.service("ollama").path("image").asText();
    for (String field : List.of("containers", "initContainers")) {
      for (JsonNode c : KubernetesManifests.containers(m.one("StatefulSet", "ollama"), field)) {
        assertThat(c.path("image").asText()).as("ollama " + field).isEqualTo(ollama);
      }
    }
  }

  /** An image without its tag. */
  private static String repository(String image) {
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    return colon > slash ? image.substring(0, colon) : image;
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void thePayaraServicesAreCheckedAsTheirImagesHealthCheckChecksThem(String overlay) {
    KubernetesManifests m = manifests(overlay);
    for (String service : List.of("messaging", "gateway")) {
      String dockerfile = service + "-war/Dockerfile";
      String healthcheck = Dockerfile.of(dockerfile).last("HEALTHCHECK");
      Matcher cmd = Pattern.compile("CMD (.*?) \\|\\| exit 1").matcher(healthcheck);
      assertThat(cmd.find()).as(dockerfile + " HEALTHCHECK").isTrue();
      JsonNode container = m.container(service);
      assertThat(container.path("readinessProbe").path("exec").path("command").toString())
          .as(service + " readiness: the image's health check")
          .contains(cmd.group(1).replace("\"", "\\\""));
      JsonNode live = container.path("livenessProbe").path("httpGet");
      assertThat(live.path("path").asText()).isEqualTo("/health/live");
    }
    for (String name : FUNCTIONS) {
      JsonNode function = m.container(name);
      assertThat(function.path("readinessProbe").path("httpGet").path("path").asText())
          .as(name)
          .isEqualTo("/health");
      assertThat(m.value(name, "FUNCTION_HTTP_PORT"))
          .as(name)
          .isEqualTo(function.path("ports").get(0).path("containerPort").asText());
      // The replica finishes what it holds on SIGTERM, within AI_DRAIN_TIMEOUT: the pod waits
      // longer.
      int drain = Integer.parseInt(m.value(name, "AI_DRAIN_TIMEOUT").replace("s", ""));
      assertThat(
              KubernetesManifests.podSpec(m.one("Deployment", name))
                  .path("terminationGracePeriodSeconds")
                  .asInt())
          .as(name)
          .isGreaterThan(drain);
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theMailFunctionIsTheFunctionsImageWithTheMailEntryPointAndOffUntilConfigured(
      String overlay) {
    KubernetesManifests m = manifests(overlay);
    JsonNode mail = m.container("mail-function");
    assertThat(mail.path("image").asText())
        .isEqualTo(m.container("ai-function").path("image").asText());
    List<String> command = new ArrayList<>();
    mail.path("command").forEach(c -> command.add(c.asText()));
    List<String> compose = new ArrayList<>();
    ComposeFile.load()
        .service("mail-function")
        .path("entrypoint")
        .forEach(c -> compose.add(c.asText()));
    assertThat(command).as("compose.yaml's mail-function entry point").isEqualTo(compose);
    assertThat(command).endsWith("--main", ComposeFileTest.MAIL_MAIN);
    // The email channel is off by default, as in compose.yaml (profile email): an overlay that
    // configures it gives the Deployment its replicas.
    assertThat(m.one("Deployment", "mail-function").path("spec").path("replicas").asInt(-1))
        .as(overlay + " mail-function replicas")
        .isZero();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void kedaScalesTheFunctionsOnTheirRealQueue(String overlay) {
    KubernetesManifests m = manifests(overlay);
    String codeQueue =
        ServiceReads.of("ai-function").reads().get("AI_QUEUE").codeDefault().orElseThrow();
    assertThat(codeQueue).isEqualTo("ai.analyze");
    assertThat(m.value("ai-function", "AI_QUEUE")).isEqualTo(codeQueue);
    List<JsonNode> scaled = m.all("ScaledObject");
    assertThat(scaled).hasSize(1);
    JsonNode spec = scaled.get(0).path("spec");
    assertThat(spec.path("scaleTargetRef").path("name").asText()).isEqualTo("ai-function");
    assertThat(m.one("Deployment", "ai-function").path("spec").has("replicas"))
        .as("KEDA's HPA owns the functions' replicas")
        .isFalse();
    int min = spec.path("minReplicaCount").asInt(-1);
    int max = spec.path("maxReplicaCount").asInt(-1);
    assertThat(min).isGreaterThanOrEqualTo(m.productionLike() ? 2 : 1);
    assertThat(max).isGreaterThanOrEqualTo(min);
    JsonNode trigger = spec.path("triggers").get(0);
    assertThat(spec.path("triggers")).hasSize(1);
    assertThat(trigger.path("type").asText()).isEqualTo("rabbitmq");
    JsonNode meta = trigger.path("metadata");
    assertThat(meta.path("queueName").asText()).isEqualTo(codeQueue);
    assertThat(meta.path("mode").asText()).isEqualTo("QueueLength");
    assertThat(Integer.parseInt(meta.path("value").asText())).isPositive();
    JsonNode auth =
        m.one("TriggerAuthentication", trigger.path("authenticationRef").path("name").asText());
    assertThat(auth.path("spec").path("secretTargetRef").findValuesAsText("parameter"))
        .contains("host");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void messagingAndTheGatewayHaveDisruptionBudgetsAndTwoInstancesInProduction(String overlay) {
    KubernetesManifests m = manifests(overlay);
    for (String service : SERVICES) {
      JsonNode deployment = m.one("Deployment", service);
      JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
      boolean covered =
          m.all("PodDisruptionBudget").stream()
              .anyMatch(
                  pdb ->
                      selects(pdb.path("spec").path("selector").path("matchLabels"), labels)
                          && pdb.path("spec").path("maxUnavailable").asInt(0) >= 1);
      assertThat(covered).as(overlay + ": a PodDisruptionBudget for " + service).isTrue();
      if (m.productionLike() && !FUNCTIONS.contains(service)) {
        assertThat(deployment.path("spec").path("replicas").asInt())
            .as(overlay + " " + service + " replicas")
            .isGreaterThanOrEqualTo(2);
      }
    }
  }

  private static boolean selects(JsonNode matchLabels, JsonNode labels) {
    if (matchLabels.isEmpty()) {
      return false;
    }
    List<Boolean> all = new ArrayList<>();
    matchLabels
        .fields()
        .forEachRemaining(
            e -> all.add(labels.path(e.getKey()).asText().equals(e.getValue().asText())));
    return !all.contains(false);
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theIngressServesTheGatewayAndKeepsSocketsOpen(String overlay) {
    KubernetesManifests m = manifests(overlay);
    Map<String, JsonNode> byPath = new LinkedHashMap<>();
    for (JsonNode ingress : m.all("Ingress")) {
      for (JsonNode rule : ingress.path("spec").path("rules")) {
        for (JsonNode p : rule.path("http").path("paths")) {
          assertThat(p.path("backend").path("service").path("name").asText()).isEqualTo("gateway");
          byPath.put(p.path("path").asText(), ingress);
        }
      }
    }
    assertThat(byPath).containsKeys("/", "/ws");
    JsonNode annotations = byPath.get("/ws").path("metadata").path("annotations");
    for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
      assertThat(annotations.path("nginx.ingress.kubernetes.io/" + timeout).asInt())
          .as(overlay + " /ws " + timeout + " (seconds)")
          .isGreaterThanOrEqualTo(3600);
    }
    String host = byPath.get("/").path("spec").path("rules").get(0).path("host").asText();
    assertThat(m.value("gateway", "ALLOWED_ORIGINS")).contains("://" + host);
    if (m.productionLike()) {
      assertThat(m.value("gateway", "ALLOWED_ORIGINS")).startsWith("https://");
      m.all("Ingress").forEach(i -> assertThat(i.path("spec").path("tls")).isNotEmpty());
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void eachComponentReachesOnlyWhatItNeeds(String overlay) {
    KubernetesManifests m = manifests(overlay);
    Map<String, JsonNode> policies = new TreeMap<>();
    for (JsonNode p : m.all("NetworkPolicy")) {
      JsonNode selector = p.path("spec").path("podSelector").path("matchLabels");
      String target =
          selector.has("cnpg.io/cluster")
              ? selector.path("cnpg.io/cluster").asText()
              : selector.path("app.kubernetes.io/name").asText();
      assertThat(policies.put(target, p)).as(overlay + ": one policy for " + target).isNull();
    }
    String postgres = m.all("Cluster").get(0).path("metadata").path("name").asText();
    String rabbitmq = m.all("RabbitmqCluster").get(0).path("metadata").path("name").asText();
    assertThat(policies)
        .containsKeys("messaging", "gateway", "ai-function", "mail-function", "ollama");
    assertThat(policies).containsKeys(postgres, rabbitmq);
    EGRESS.forEach(
        (component, expected) -> {
          JsonNode spec = policies.get(component).path("spec");
          assertThat(spec.path("policyTypes").toString()).contains("Egress", "Ingress");
          assertThat(peers(spec.path("egress"), "to", component))
              .as(overlay + " " + component + " egress")
              .containsExactlyInAnyOrderElementsOf(expected);
          assertThat(peers(spec.path("ingress"), "from", component))
              .as(overlay + " " + component + " ingress")
              .containsExactlyInAnyOrderElementsOf(INGRESS.get(component));
        });
    // The databases and the broker accept the services that use them.
    assertThat(peers(policies.get(postgres).path("spec").path("ingress"), "from", postgres))
        .contains("messaging:5432", "gateway:5432");
    assertThat(peers(policies.get(rabbitmq).path("spec").path("ingress"), "from", rabbitmq))
        .contains(
            "messaging:5672",
            "gateway:5672",
            "ai-function:5672",
            "mail-function:5672",
            "ns:keda:5672");
  }

  /**
   * A policy's peers as {@code label:port}: pods by their name label (or CloudNativePG's cluster
   * label), namespaces as {@code ns:<name>}. DNS (kube-system, port 53) is left out; an IP block is
   * allowed only for Ollama's pull over HTTPS and the mail function's mail servers ({@code
   * outside:<port>}), and only outside the private ranges.
   */
  private static Set<String> peers(JsonNode rules, String direction, String component) {
    Set<String> peers = new TreeSet<>();
    for (JsonNode rule : rules) {
      List<String> ports = new ArrayList<>();
      rule.path("ports").forEach(p -> ports.add(p.path("port").asText()));
      for (JsonNode peer : rule.path(direction)) {
        String ns =
            peer.path("namespaceSelector")
                .path("matchLabels")
                .path("kubernetes.io/metadata.name")
                .asText();
        JsonNode pods = peer.path("podSelector").path("matchLabels");
        if (ns.equals("kube-system") && ports.contains("53")) {
          continue;
        }
        if (peer.has("ipBlock")) {
          assertThat(component)
              .as("an IP block in " + component + "'s policy")
              .isIn("ollama", "mail-function");
          assertThat(peer.path("ipBlock").path("except").toString())
              .as(component + "'s IP block leaves out the private ranges")
              .contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
          if (component.equals("ollama")) {
            assertThat(ports).containsExactly("443");
            continue;
          }
          ports.forEach(p -> peers.add("outside:" + p));
          continue;
        }
        String name =
            !ns.isEmpty()
                ? "ns:" + ns
                : pods.has("cnpg.io/cluster")
                    ? pods.path("cnpg.io/cluster").asText()
                    : pods.path("app.kubernetes.io/name").asText();
        if (ports.isEmpty()) {
          peers.add(name + ":*");
        }
        ports.forEach(p -> peers.add(name + ":" + p));
      }
    }
    // The operators' peers (their own pods, their operator's namespace) are theirs to need.
    peers.removeIf(
        p ->
            p.startsWith(component + ":")
                || p.startsWith("ns:cnpg-system")
                || p.startsWith("ns:rabbitmq-system"));
    return peers;
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theServicesReachPostgresRabbitmqMessagingAndOllamaByTheirServiceNames(String overlay) {
    KubernetesManifests m = manifests(overlay);
    List<JsonNode> clusters = m.all("Cluster");
    assertThat(clusters).hasSize(1);
    JsonNode cluster = clusters.get(0);
    String name = cluster.path("metadata").path("name").asText();
    JsonNode initdb = cluster.path("spec").path("bootstrap").path("initdb");
    for (String service : List.of("messaging", "gateway")) {
      // CloudNativePG's read-write Service: <cluster>-rw, always the primary.
      assertThat(m.value(service, "POSTGRES_HOST")).isEqualTo(name + "-rw");
      KubernetesManifests.EnvSource user = m.environment(m.container(service)).get("POSTGRES_USER");
      KubernetesManifests.EnvSource password =
          m.environment(m.container(service)).get("POSTGRES_PASSWORD");
      assertThat(user.name()).isEqualTo(initdb.path("secret").path("name").asText());
      assertThat(password.name()).isEqualTo(user.name());
    }
    // Two databases: messaging's, which the cluster creates, and the gateway's own.
    assertThat(m.value("messaging", "POSTGRES_DB"))
        .isEqualTo(initdb.path("database").asText())
        .isNotEqualTo(m.value("gateway", "POSTGRES_DB"));
    JsonNode gatewayDb =
        m.all("Database").stream()
            .filter(
                d -> d.path("spec").path("name").asText().equals(m.value("gateway", "POSTGRES_DB")))
            .findFirst()
            .orElseThrow(() -> new AssertionError(overlay + ": no Database for the gateway"));
    assertThat(gatewayDb.path("spec").path("cluster").path("name").asText()).isEqualTo(name);
    assertThat(gatewayDb.path("spec").path("owner").asText())
        .isEqualTo(initdb.path("owner").asText());

    List<JsonNode> brokers = m.all("RabbitmqCluster");
    assertThat(brokers).hasSize(1);
    String broker = brokers.get(0).path("metadata").path("name").asText();
    for (String service : SERVICES) {
      assertThat(m.value(service, "RABBITMQ_HOST")).as(service).isEqualTo(broker);
    }
    assertThat(m.value("mail-function", "MESSAGING_URL"))
        .isEqualTo(m.value("ai-function", "MESSAGING_URL"));
    if (m.productionLike()) {
      assertThat(cluster.path("spec").path("instances").asInt()).isEqualTo(3);
      assertThat(brokers.get(0).path("spec").path("replicas").asInt()).isEqualTo(3);
    }
    assertThat(URI.create(m.value("gateway", "MESSAGING_URL")).getHost()).isEqualTo("messaging");
    assertThat(URI.create(m.value("ai-function", "MESSAGING_URL")).getHost())
        .isEqualTo("messaging");
    assertThat(URI.create(m.value("ai-function", "MESSAGING_URL")).getPort())
        .isEqualTo(port(m, "messaging"));
    URI ollama = URI.create(m.value("ai-function", "OLLAMA_URL"));
    assertThat(ollama.getPort()).isEqualTo(port(m, ollama.getHost()));
  }

  private static int port(KubernetesManifests m, String service) {
    return m.one("Service", service).path("spec").path("ports").get(0).path("port").asInt();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void eachServiceHasItsOwnBrokerUserWithTheRightsOfServiceUsersConf(String overlay) {
    KubernetesManifests m = manifests(overlay);
    ComposeFile compose = ComposeFile.load();
    ServiceUsersFile conf = ServiceUsersFile.load();
    for (String service : SERVICES) {
      String user = compose.environment(service).get("RABBITMQ_USER");
      assertThat(conf.users()).containsKey(user);
      Map<String, KubernetesManifests.EnvSource> env = m.environment(m.container(service));
      String secret = env.get("RABBITMQ_USER").name();
      assertThat(env.get("RABBITMQ_USER"))
          .isEqualTo(new KubernetesManifests.EnvSource("secret", secret, "username", null));
      assertThat(env.get("RABBITMQ_PASSWORD"))
          .isEqualTo(new KubernetesManifests.EnvSource("secret", secret, "password", null));
      assertThat(
              m.one("User", user)
                  .path("spec")
                  .path("importCredentialsSecret")
                  .path("name")
                  .asText())
          .as(
              overlay
                  + ": the broker user "
                  + user
                  + " is made from the Secret "
                  + service
                  + " reads")
          .isEqualTo(secret);
      String exchange = m.value(service, "EVENT_EXCHANGE");
      String queue = m.value("ai-function", "AI_QUEUE");
      String mailQueue = m.value("mail-function", "MAIL_QUEUE");
      List<String> vhost = conf.rules("vhost", user).get(0);
      JsonNode permission = m.one("Permission", user).path("spec");
      assertThat(permission.path("userReference").path("name").asText()).isEqualTo(user);
      assertThat(permission.path("vhost").asText()).isEqualTo(m.value(service, "RABBITMQ_VHOST"));
      assertThat(
              List.of(
                  permission.path("permissions").path("configure").asText(),
                  permission.path("permissions").path("write").asText(),
                  permission.path("permissions").path("read").asText()))
          .as(overlay + " " + user + " vhost rights")
          .containsExactly(
              regex(vhost.get(2), exchange, queue, mailQueue),
              regex(vhost.get(3), exchange, queue, mailQueue),
              regex(vhost.get(4), exchange, queue, mailQueue));
      List<String> topic = conf.rules("topic", user).get(0);
      JsonNode topicPermission = m.one("TopicPermission", user).path("spec");
      assertThat(topicPermission.path("userReference").path("name").asText()).isEqualTo(user);
      assertThat(
              List.of(
                  topicPermission.path("permissions").path("exchange").asText(),
                  topicPermission.path("permissions").path("write").asText(),
                  topicPermission.path("permissions").path("read").asText()))
          .as(overlay + " " + user + " topic rights")
          .containsExactly(
              topic.get(2).replace("{exchange}", exchange),
              regex(topic.get(3), exchange, queue, mailQueue),
              regex(topic.get(4), exchange, queue, mailQueue));
    }
  }

  /** service-users.conf's regex as service-users.sh writes it: the names put in, dots escaped. */
  private static String regex(String rule, String exchange, String queue, String mailQueue) {
    return rule.replace("{exchange}", exchange.replace(".", "\\."))
        .replace("{ai_queue}", queue.replace(".", "\\."))
        .replace("{mail_queue}", mailQueue.replace(".", "\\."));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void noSecretIsCommittedAndEveryReferencedSecretIsDocumented(String overlay) {
    KubernetesManifests m = manifests(overlay);
    assertThat(m.all("Secret")).as(overlay + " renders a Secret").isEmpty();
    Map<String, Set<String>> referenced = new TreeMap<>();
    for (JsonNode workload : m.workloads()) {
      for (String field : List.of("containers", "initContainers")) {
        for (JsonNode c : KubernetesManifests.containers(workload, field)) {
          m.environment(c).values().stream()
              .filter(KubernetesManifests.EnvSource::secret)
              .forEach(
                  s -> referenced.computeIfAbsent(s.name(), k -> new TreeSet<>()).add(s.key()));
        }
      }
    }
    for (JsonNode auth : m.all("TriggerAuthentication")) {
      auth.path("spec")
          .path("secretTargetRef")
          .forEach(
              r ->
                  referenced
                      .computeIfAbsent(r.path("name").asText(), k -> new TreeSet<>())
                      .add(r.path("key").asText()));
    }
    for (JsonNode user : m.all("User")) {
      referenced
          .computeIfAbsent(
              user.path("spec").path("importCredentialsSecret").path("name").asText(),
              k -> new TreeSet<>())
          .addAll(List.of("username", "password"));
    }
    for (JsonNode cluster : m.all("Cluster")) {
      referenced
          .computeIfAbsent(
              cluster
                  .path("spec")
                  .path("bootstrap")
                  .path("initdb")
                  .path("secret")
                  .path("name")
                  .asText(),
              k -> new TreeSet<>())
          .addAll(List.of("username", "password"));
    }
    for (JsonNode ingress : m.all("Ingress")) {
      ingress
          .path("spec")
          .path("tls")
          .forEach(
              t -> referenced.computeIfAbsent(t.path("secretName").asText(), k -> new TreeSet<>()));
    }
    String docs = Repo.read("docs/operations.md");
    List<String> undocumented = new ArrayList<>();
    referenced.forEach(
        (secret, keys) -> {
          Matcher create =
              Pattern.compile("kubectl create secret \\S+ " + Pattern.quote(secret) + "(?=\\s)")
                  .matcher(docs);
          if (!create.find()) {
            undocumented.add(secret + " (no kubectl create secret <type> " + secret + ")");
            return;
          }
          // The command: up to the next command or the end of its code block.
          int end = docs.length();
          for (String next : List.of("```", "kubectl ")) {
            int at = docs.indexOf(next, create.end());
            end = at < 0 ? end : Math.min(end, at);
          }
          String command = docs.substring(create.end(), end);
          for (String key : keys) {
            if (!command.contains(key + "=")) {
              undocumented.add(secret + ": no key " + key + " in its command");
            }
          }
        });
    assertThat(undocumented)
        .as("docs/operations.md, Kubernetes: how to create each Secret")
        .isEmpty();
  }

  @Test
  void noFileUnderKubernetesIsASecret() {
    for (var file : Repo.files(KubernetesManifests.DIRECTORY, ".yaml")) {
      assertThat(Repo.read(file))
          .as(Repo.name(file))
          .doesNotContainPattern("(?m)^kind:\\s*Secret\\s*$");
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theGpuVariantAsksForAGpu(String overlay) {
    KubernetesManifests m = manifests(overlay);
    JsonNode limits =
        KubernetesManifests.containers(m.one("StatefulSet", "ollama"), "containers")
            .get(0)
            .path("resources")
            .path("limits");
    assertThat(limits.has("nvidia.com/gpu")).as(overlay).isEqualTo(overlay.contains("gpu"));
    assertThat(m.one("StatefulSet", "ollama").path("spec").path("volumeClaimTemplates"))
        .as("Ollama keeps its models on a volume")
        .isNotEmpty();
  }

  @Test
  void operationsDocumentsEveryOverlay() {
    String docs = Repo.read("docs/operations.md");
    for (String overlay : overlays()) {
      assertThat(docs).contains("kubectl kustomize deployment/kubernetes/overlays/" + overlay);
    }
    assertThat(Repo.read("deployment/README.md"))
        .contains("kubernetes/", "KubernetesManifestsTest");
  }
}
