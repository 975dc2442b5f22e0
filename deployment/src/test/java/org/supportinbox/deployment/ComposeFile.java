package org.supportinbox.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * compose.yaml as written, before interpolation: its services, what each one sets in its
 * environment, and every {@code ${VAR}} reference. The file uses no YAML merge keys, so what is
 * read here is what Compose sees.
 */
final class ComposeFile {

  static final String FILE = "compose.yaml";

  /**
   * {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}}, {@code ${NAME:?message}} or
   * {@code ${NAME?message}}; {@code $$} is an escaped dollar, for the container's shell.
   */
  private static final Pattern REFERENCE =
      Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

  /** One {@code ${...}} in the file. */
  record Reference(String name, String operator, String argument) {

    boolean required() {
      return operator != null && operator.endsWith("?");
    }

    /** The value Compose uses when the variable is not set; empty for a required one. */
    Optional<String> fallback() {
      return operator != null && operator.endsWith("-") ? Optional.of(argument) : Optional.empty();
    }
  }

  private final String text;
  private final JsonNode root;

  private ComposeFile(String text) {
    this.text = text;
    try {
      this.root = new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(FILE + " is not YAML", e);
    }
  }

  static ComposeFile load() {
    return new ComposeFile(Repo.read(FILE));
  }

  String text() {
    return text;
  }

  Set<String> serviceNames() {
    Set<String> names = new LinkedHashSet<>();
    root.path("services").fieldNames().forEachRemaining(names::add);
    return names;
  }

  JsonNode service(String name) {
    JsonNode service = root.path("services").path(name);
    if (service.isMissingNode()) {
      throw new AssertionError(FILE + " has no service " + name);
    }
    return service;
  }

  /** The service's environment as written (values not interpolated), in either YAML form. */
  Map<String, String> environment(String service) {
    Map<String, String> environment = new LinkedHashMap<>();
    JsonNode node = service(service).path("environment");
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
    } else if (node.isArray()) {
      for (JsonNode entry : node) {
        String[] pair = entry.asText().split("=", 2);
        environment.put(pair[0], pair.length == 2 ? pair[1] : "");
      }
    }
    return environment;
  }

  /** Every {@code ${...}} of the file, in order of appearance (repeats included). */
  List<Reference> references() {
    return references(text);
  }

  static List<Reference> references(String text) {
    List<Reference> references = new ArrayList<>();
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      references.add(new Reference(m.group(1), m.group(2), m.group(3)));
    }
    return references;
  }

  /**
   * {@code value} as Compose resolves it when no variable is set: {@code ${X:-d}} becomes {@code
   * d}; a required or bare reference becomes {@code <X>}.
   */
  static String withDefaults(String value) {
    Matcher m = REFERENCE.matcher(value);
    StringBuilder resolved = new StringBuilder();
    while (m.find()) {
      Reference r = new Reference(m.group(1), m.group(2), m.group(3));
      m.appendReplacement(
          resolved, Matcher.quoteReplacement(r.fallback().orElse("<" + r.name() + ">")));
    }
    m.appendTail(resolved);
    return resolved.toString().replace("$$", "$");
  }
}
