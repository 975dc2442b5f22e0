package org.supportinbox.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One overlay of deployment/kubernetes/ as {@code kubectl kustomize} renders it: its objects, and
 * what the checks ask of them (a workload's containers, the environment a container gets).
 */
record KubernetesManifests(String overlay, List<JsonNode> objects) {

  static final String DIRECTORY = "deployment/kubernetes";

  /** Where a container's variable comes from: a literal, a ConfigMap key, a Secret key. */
  record EnvSource(String kind, String name, String key, String value) {

    boolean secret() {
      return kind.equals("secret");
    }
  }

  /** The overlays, by directory name: every directory under overlays/. */
  static List<String> overlays() {
    Path dir = Repo.path(DIRECTORY + "/overlays");
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  static KubernetesManifests render(String overlay) {
    String yaml = KustomizeCli.render(Repo.path(DIRECTORY + "/overlays/" + overlay));
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode node = it.next();
        if (node != null && node.isObject() && node.has("kind")) {
          objects.add(node);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("kubectl kustomize " + overlay + " wrote no YAML", e);
    }
    return new KubernetesManifests(overlay, List.copyOf(objects));
  }

  boolean productionLike() {
    return overlay.startsWith("production");
  }

  List<JsonNode> all(String kind) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
  }

  Optional<JsonNode> find(String kind, String name) {
    return all(kind).stream()
        .filter(o -> o.path("metadata").path("name").asText().equals(name))
        .findFirst();
  }

  JsonNode one(String kind, String name) {
    return find(kind, name)
        .orElseThrow(() -> new AssertionError(overlay + " renders no " + kind + " " + name));
  }

  /** Deployments and StatefulSets. */
  List<JsonNode> workloads() {
    List<JsonNode> workloads = new ArrayList<>(all("Deployment"));
    workloads.addAll(all("StatefulSet"));
    return workloads;
  }

  static JsonNode podSpec(JsonNode workload) {
    return workload.path("spec").path("template").path("spec");
  }

  static List<JsonNode> containers(JsonNode workload, String field) {
    List<JsonNode> containers = new ArrayList<>();
    podSpec(workload).path(field).forEach(containers::add);
    return containers;
  }

  /** The Deployment's one container (the product's Deployments each run one). */
  JsonNode container(String deployment) {
    List<JsonNode> containers = containers(one("Deployment", deployment), "containers");
    if (containers.size() != 1) {
      throw new AssertionError(deployment + " has " + containers.size() + " containers, not 1");
    }
    return containers.get(0);
  }

  /** A ConfigMap's data, by its rendered name (kustomize's hash suffix included). */
  Map<String, String> configMapData(String renderedName) {
    Map<String, String> data = new LinkedHashMap<>();
    one("ConfigMap", renderedName)
        .path("data")
        .fields()
        .forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
    return data;
  }

  /**
   * Every variable the container gets, and from where: {@code envFrom} ConfigMaps first, then
   * {@code env}, which wins, as in Kubernetes. An {@code envFrom} Secret is refused: its keys are
   * not in the manifests, so what it sets could not be checked.
   */
  Map<String, EnvSource> environment(JsonNode container) {
    Map<String, EnvSource> env = new LinkedHashMap<>();
    for (JsonNode from : container.path("envFrom")) {
      if (from.has("secretRef")) {
        throw new AssertionError(
            "envFrom secretRef in " + container.path("name").asText() + ": use secretKeyRef");
      }
      String name = from.path("configMapRef").path("name").asText();
      configMapData(name).forEach((k, v) -> env.put(k, new EnvSource("configmap", name, k, v)));
    }
    for (JsonNode e : container.path("env")) {
      String variable = e.path("name").asText();
      JsonNode from = e.path("valueFrom");
      if (from.has("secretKeyRef")) {
        JsonNode ref = from.path("secretKeyRef");
        env.put(
            variable,
            new EnvSource("secret", ref.path("name").asText(), ref.path("key").asText(), null));
      } else if (from.has("configMapKeyRef")) {
        JsonNode ref = from.path("configMapKeyRef");
        String name = ref.path("name").asText();
        String key = ref.path("key").asText();
        env.put(variable, new EnvSource("configmap", name, key, configMapData(name).get(key)));
      } else if (from.isMissingNode()) {
        env.put(variable, new EnvSource("value", "", variable, e.path("value").asText()));
      } else {
        throw new AssertionError("unsupported valueFrom for " + variable + ": " + from);
      }
    }
    return env;
  }

  /** The value a container gets for a variable that is not a secret. */
  String value(String deployment, String variable) {
    EnvSource source = environment(container(deployment)).get(variable);
    if (source == null || source.secret()) {
      throw new AssertionError(deployment + " gets no plain value for " + variable);
    }
    return source.value();
  }
}
