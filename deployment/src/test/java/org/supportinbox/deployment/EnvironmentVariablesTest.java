package org.supportinbox.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Settings, end to end: what each service reads (found in its sources by {@link ServiceReads}) is
 * exactly what compose.yaml sets for it, with the code's defaults unless a container needs another
 * value; every variable is documented in docs/configuration.md; every {@code ${VAR}} of
 * compose.yaml is in .env.example with the same default. The postgres, rabbitmq and ollama services
 * run official images and are not checked here.
 */
class EnvironmentVariablesTest {

  /**
   * Where a container needs another value than the code's default, and why. Everything else that
   * compose sets defaults to what the code would use.
   */
  static final Map<String, String> CONTAINER_VALUES =
      Map.of(
          "BIND_ADDRESS",
          "listen on every interface of the container, not on its loopback",
          "RABBITMQ_HOST",
          "the broker is the rabbitmq service",
          "RABBITMQ_USER",
          "each service has a broker user of its own (deployment/rabbitmq/service-users.conf)",
          "MESSAGING_URL",
          "messaging is the messaging service",
          "OLLAMA_URL",
          "Ollama is the ollama service",
          "ALLOWED_ORIGINS",
          "the UI is published on port 80 as well as 8000");

  private static ComposeFile compose;
  private static Map<String, ServiceReads> reads;

  @BeforeAll
  static void load() {
    compose = ComposeFile.load();
    reads = new LinkedHashMap<>();
    for (String service : List.of("messaging", "gateway", "ai-function", "mail-function")) {
      reads.put(service, ServiceReads.of(service));
    }
  }

  @Test
  void whatEachServiceReadsIsFoundInItsSources() {
    // Guards the guard: if a pattern stopped matching, every check below would pass vacuously.
    assertThat(reads.get("messaging").variables())
        .contains(
            "JWT_SECRET",
            "RABBITMQ_PASSWORD",
            "OUTBOX_BATCH_SIZE",
            "POSTGRES_POOL_MAX",
            "BIND_ADDRESS",
            "JAVA_OPTS")
        .doesNotContain("INBOX_ADMIN_PASSWORD", "OLLAMA_URL");
    assertThat(reads.get("gateway").variables())
        .contains(
            "JWT_SECRET", "INBOX_ADMIN_PASSWORD", "ALLOWED_ORIGINS", "POSTGRES_DB", "JAVA_OPTS")
        .doesNotContain("OUTBOX_BATCH_SIZE", "OLLAMA_URL");
    assertThat(reads.get("ai-function").variables())
        .contains(
            "AI_FUNCTION_SECRET",
            "METRICS_TOKEN",
            "OLLAMA_MODEL",
            "AI_RETRY_DELAYS",
            "FUNCTION_HTTP_PORT",
            "JAVA_OPTS")
        // The functions sign with a key of their own and never hold the operators' key.
        .doesNotContain("POSTGRES_DB", "JWT_SECRET", "JWT_ISSUER");
    assertThat(reads.get("mail-function").variables())
        .contains(
            "SUPPORT_ADDRESS",
            "MAIL_FUNCTION_SECRET",
            "MAIL_IMAP_HOST",
            "MAIL_QUEUE",
            "RABBITMQ_PASSWORD",
            "METRICS_TOKEN",
            "FUNCTION_HTTP_PORT",
            "JAVA_OPTS")
        // MailConfig.runtime() replaces the AI queue and key; the analyze function's own settings
        // are not the mail function's.
        .doesNotContain(
            "AI_QUEUE", "AI_FUNCTION_SECRET", "OLLAMA_URL", "JWT_SECRET", "POSTGRES_DB");
    assertThat(reads.get("mail-function").reads().get("SERVICE_NAME").codeDefault())
        .hasValue("mail-function");
    assertThat(reads.get("mail-function").reads().get("MAIL_IMAP_PORT").codeDefault())
        .as("a default that depends on the TLS mode")
        .isEmpty();
    assertThat(reads.get("ai-function").reads().get("RABBITMQ_PORT").codeDefault())
        .hasValue("5672");
    assertThat(reads.get("messaging").reads().get("EVENT_EXCHANGE").codeDefault())
        .hasValue("inbox.events");
    assertThat(reads.get("gateway").reads().get("ALLOWED_ORIGINS").codeDefault())
        .hasValue("http://localhost:8000,http://127.0.0.1:8000");
  }

  @Test
  void composeSetsEveryVariableItsServiceReads() {
    for (ServiceReads service : reads.values()) {
      Set<String> set = compose.environment(service.service()).keySet();
      List<String> missing = new ArrayList<>();
      service
          .reads()
          .forEach(
              (variable, read) -> {
                if (!set.contains(variable)) {
                  missing.add(variable + " (read by " + read.readBy() + ")");
                }
              });
      assertThat(missing).as("not set for " + service.service() + " in compose.yaml").isEmpty();
    }
  }

  @Test
  void composeSetsNothingItsServiceDoesNotRead() {
    for (ServiceReads service : reads.values()) {
      Set<String> unread = new TreeSet<>(compose.environment(service.service()).keySet());
      unread.removeAll(service.variables());
      assertThat(unread)
          .as("set for " + service.service() + " in compose.yaml, but nothing there reads it")
          .isEmpty();
    }
  }

  @Test
  void composeDefaultsAreTheCodeDefaultsUnlessAContainerNeedsAnother() {
    List<String> differ = new ArrayList<>();
    Set<String> needed = new TreeSet<>();
    for (ServiceReads service : reads.values()) {
      compose
          .environment(service.service())
          .forEach(
              (variable, value) -> {
                ServiceReads.Read read = service.reads().get(variable);
                Optional<String> code = read == null ? Optional.empty() : read.codeDefault();
                String resolved = ComposeFile.withDefaults(value);
                if (code.isEmpty() || code.get().equals(resolved)) {
                  return;
                }
                if (CONTAINER_VALUES.containsKey(variable)) {
                  needed.add(variable);
                } else {
                  differ.add(
                      service.service()
                          + " "
                          + variable
                          + ": compose "
                          + resolved
                          + ", code "
                          + code.get()
                          + " ("
                          + read.readBy()
                          + ")");
                }
              });
    }
    assertThat(differ).isEmpty();
    assertThat(needed)
        .as("CONTAINER_VALUES lists only what really differs")
        .containsExactlyInAnyOrderElementsOf(CONTAINER_VALUES.keySet());
  }

  @Test
  void aVariableHasOneDefaultInTheWholeFile() {
    Map<String, Set<String>> defaults = new TreeMap<>();
    for (ComposeFile.Reference r : compose.references()) {
      r.fallback().ifPresent(d -> defaults.computeIfAbsent(r.name(), k -> new TreeSet<>()).add(d));
    }
    defaults.forEach(
        (variable, values) -> assertThat(values).as("defaults of ${%s}", variable).hasSize(1));
  }

  @Test
  void everyVariableIsDocumented() {
    String docs = Repo.read("docs/configuration.md");
    Set<String> variables = new TreeSet<>();
    reads.values().forEach(r -> variables.addAll(r.variables()));
    compose.references().forEach(r -> variables.add(r.name()));
    List<String> undocumented =
        variables.stream().filter(v -> !docs.contains("`" + v + "`")).toList();
    assertThat(undocumented).as("not in docs/configuration.md").isEmpty();
    assertThat(docs).contains("compose.yaml");
  }

  /**
   * The mail function's settings (functions' {@code MailConfig}) are documented with their code
   * defaults, including those whose default depends on another setting (the ports), which the
   * checks above cannot compare.
   */
  @Test
  void everyMailFunctionVariableIsDocumentedWithItsDefault() {
    String docs = Repo.read("docs/configuration.md");
    String config =
        Repo.read("functions/src/main/java/org/supportinbox/functions/mail/MailConfig.java");
    Matcher read =
        Pattern.compile(
                "\\b(?:text|integer|required|duration|optional|tls)\\(\\s*\"([A-Z][A-Z0-9_]*)\"(?:\\s*,\\s*\"([^\"]*)\")?")
            .matcher(config);
    Set<String> found = new TreeSet<>();
    List<String> wrong = new ArrayList<>();
    while (read.find()) {
      found.add(read.group(1));
      if (!docs.contains("`" + read.group(1) + "`")) {
        wrong.add(read.group(1) + " is not in docs/configuration.md");
      } else if (read.group(2) != null && !docs.contains("`" + read.group(2) + "`")) {
        wrong.add(read.group(1) + "'s default " + read.group(2) + " is not in the docs");
      }
    }
    assertThat(found).contains("SUPPORT_ADDRESS", "MAIL_IMAP_HOST", "MAIL_SMTP_TLS", "MAIL_QUEUE");
    assertThat(wrong).isEmpty();
  }

  @Test
  void envExampleListsEveryComposeVariableWithItsDefault() {
    Map<String, String> example = envExample();
    Map<String, ComposeFile.Reference> used = new TreeMap<>();
    compose.references().forEach(r -> used.putIfAbsent(r.name(), r));
    List<String> wrong = new ArrayList<>();
    used.forEach(
        (variable, reference) -> {
          if (!example.containsKey(variable)) {
            wrong.add(variable + " is missing");
          } else if (reference.required() && !example.get(variable).isEmpty()) {
            wrong.add(variable + " is required: leave it empty here, no secret in the repository");
          } else if (reference.fallback().isPresent()
              && !reference.fallback().get().equals(example.get(variable))) {
            wrong.add(
                variable
                    + "="
                    + example.get(variable)
                    + ", but compose.yaml's default is "
                    + reference.fallback().get());
          }
        });
    example.keySet().stream()
        .filter(v -> !used.containsKey(v) && !v.startsWith("COMPOSE_"))
        .forEach(v -> wrong.add(v + " is not used by compose.yaml"));
    assertThat(wrong).as(".env.example").isEmpty();
  }

  @Test
  void requiredSettingsAreLeftToFillInAndTheRestAreCommentedOut() {
    String text = Repo.read(".env.example");
    for (String secret : ComposeFileTest.REQUIRED) {
      assertThat(text).containsPattern("(?m)^" + secret + "=$");
    }
  }

  /** {@code NAME=value} and commented-out {@code # NAME=value} lines of .env.example. */
  private static Map<String, String> envExample() {
    Pattern line = Pattern.compile("(?m)^#?\\s*([A-Z][A-Z0-9_]*)=(.*)$");
    Map<String, String> entries = new TreeMap<>();
    Matcher m = line.matcher(Repo.read(".env.example"));
    while (m.find()) {
      String previous = entries.put(m.group(1), m.group(2).strip());
      assertThat(previous).as(m.group(1) + " listed twice in .env.example").isNull();
    }
    return entries;
  }
}
