package org.supportinbox.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables one service reads, found in its sources rather than listed by hand, so
 * that the checks on compose.yaml and the docs cannot go stale: MicroProfile Config's
 * {@code @ConfigProperty(name = "X")} in the WARs, {@code ${ENV=X}} in payara-config/, {@code
 * FunctionConfig}'s {@code text("X", ...)}-style calls and {@code env.apply("X")}, any {@code
 * System.getenv("X")}, the {@code $X} of the image's ENTRYPOINT, CMD and HEALTHCHECK, and the
 * {@code $X} (in capitals) of payara-config/start-service, which every image's entry point runs
 * (those of its {@code payara)} branch only for the services on Payara Micro).
 *
 * <p>The mail function runs from the AI functions' image and classes with another entry point
 * (MailMain): it reads what {@code MailConfig} reads, plus the runtime's settings of {@code
 * FunctionConfig} listed in {@link #MAIL_RUNTIME} minus those {@code MailConfig.runtime()}
 * replaces, plus the image's and start-service's. The rest of {@code FunctionConfig}'s are the
 * analyze function's: parsed with their defaults, used by nothing MailMain starts.
 */
record ServiceReads(String service, Map<String, Read> reads) {

  /** A variable, the file that reads it, and its default there when it is a literal. */
  record Read(String variable, String readBy, Optional<String> codeDefault) {}

  /** How each compose service is made: the modules in its classpath, its image, payara-config. */
  private record Sources(List<String> modules, String dockerfile, boolean payaraConfig) {}

  static final Map<String, Sources> SERVICES =
      Map.of(
          "messaging",
          new Sources(
              List.of("contracts", "auth", "platform", "messaging-war"),
              "messaging-war/Dockerfile",
              true),
          "gateway",
          new Sources(
              List.of("contracts", "auth", "platform", "gateway-war"),
              "gateway-war/Dockerfile",
              true),
          "ai-function",
          new Sources(List.of("contracts", "auth", "functions"), "functions/Dockerfile", false),
          "mail-function",
          new Sources(List.of("contracts", "auth", "functions"), "functions/Dockerfile", false));

  static final String MAIL_CONFIG =
      "functions/src/main/java/org/supportinbox/functions/mail/MailConfig.java";

  /**
   * The settings of FunctionConfig the mail function's runtime, HTTP server and lease use
   * (MailConfig's javadoc names them): the broker, the exchange, the HTTP server, messaging, the
   * name, and the drain on SIGTERM.
   */
  static final Set<String> MAIL_RUNTIME =
      Set.of(
          "RABBITMQ_HOST",
          "RABBITMQ_PORT",
          "RABBITMQ_ADDRESSES",
          "RABBITMQ_VHOST",
          "RABBITMQ_USER",
          "RABBITMQ_PASSWORD",
          "EVENT_EXCHANGE",
          "BIND_ADDRESS",
          "FUNCTION_HTTP_PORT",
          "METRICS_TOKEN",
          "MESSAGING_URL",
          "SERVICE_NAME",
          "AI_DRAIN_TIMEOUT");

  /**
   * MailConfig's readers; a default counts only when it is the whole argument (not the start of an
   * expression such as {@code "ssl".equals(imapTls) ? 993 : 143}).
   */
  private static final Pattern MAIL_CONFIG_READ =
      Pattern.compile(
          "\\b(?:text|integer|required|duration|optional|tls)\\(\\s*\"([A-Z][A-Z0-9_]*)\""
              + "(?:\\s*,\\s*"
              + "(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+)(?=\\s*[,)]))?");

  /** What MailConfig.runtime() puts in the runtime's environment in place of the caller's. */
  private static final Pattern RUNTIME_PUT =
      Pattern.compile("\\br\\.put\\(\\s*\"([A-Z][A-Z0-9_]*)\"");

  private static final String LITERAL = "(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+|[A-Za-z_][\\w.]*)";

  private static final Pattern CONFIG_PROPERTY =
      Pattern.compile(
          "@ConfigProperty\\(\\s*name\\s*=\\s*\"([A-Z][A-Z0-9_]*)\""
              + "(?:\\s*,\\s*defaultValue\\s*=\\s*"
              + LITERAL
              + ")?");

  /** FunctionConfig's readers: text, integer, required, duration, durations. */
  private static final Pattern FUNCTION_CONFIG =
      Pattern.compile(
          "\\b(?:text|integer|required|duration|durations)\\(\\s*\"([A-Z][A-Z0-9_]*)\""
              + "(?:\\s*,\\s*"
              + LITERAL
              + ")?");

  private static final Pattern ENV_APPLY =
      Pattern.compile("\\benv\\.apply\\(\\s*\"([A-Z][A-Z0-9_]*)\"\\s*\\)");

  private static final Pattern GETENV = Pattern.compile("\\bgetenv\\(\\s*\"([A-Z][A-Z0-9_]*)\"");

  private static final Pattern ASADMIN_ENV = Pattern.compile("\\$\\{ENV=([A-Za-z_][A-Za-z0-9_]*)}");

  private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

  /** How every service starts; it writes the environment it reads in capitals, its own in lower. */
  static final String START_SCRIPT = "payara-config/start-service";

  private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)");

  /** start-service's branch that starts Payara Micro: from {@code payara)} to its {@code ;;}. */
  private static final Pattern PAYARA_BRANCH =
      Pattern.compile("^\\s*payara\\)$.*?^\\s*;;$", Pattern.MULTILINE | Pattern.DOTALL);

  private static final Pattern STRING_CONSTANT =
      Pattern.compile("\\bString\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*;");

  static ServiceReads of(String service) {
    Sources sources = SERVICES.get(service);
    if (sources == null) {
      throw new IllegalArgumentException("no sources known for service " + service);
    }
    if (service.equals("mail-function")) {
      return mail();
    }
    Map<String, Read> reads = new TreeMap<>();
    Map<String, String> constants = new TreeMap<>();
    List<Path> java = new ArrayList<>();
    for (String module : sources.modules()) {
      java.addAll(Repo.files(module + "/src/main/java", ".java"));
    }
    for (Path file : java) {
      Matcher m = STRING_CONSTANT.matcher(Repo.read(file));
      while (m.find()) {
        constants.putIfAbsent(m.group(1), m.group(2));
      }
    }
    for (Path file : java) {
      String text = Repo.read(file);
      String name = Repo.name(file);
      collect(CONFIG_PROPERTY.matcher(text), name, constants, reads);
      if (file.getFileName().toString().equals("FunctionConfig.java")) {
        collect(FUNCTION_CONFIG.matcher(text), name, constants, reads);
      }
      collect(ENV_APPLY.matcher(text), name, constants, reads);
      collect(GETENV.matcher(text), name, constants, reads);
    }
    if (sources.payaraConfig()) {
      for (Path file : Repo.files("payara-config", ".asadmin")) {
        Matcher m = ASADMIN_ENV.matcher(withoutComments(Repo.read(file), "#"));
        while (m.find()) {
          reads.putIfAbsent(m.group(1), new Read(m.group(1), Repo.name(file), Optional.empty()));
        }
      }
    }
    for (Dockerfile.Instruction i : Dockerfile.of(sources.dockerfile()).instructions()) {
      if (List.of("ENTRYPOINT", "CMD", "HEALTHCHECK").contains(i.keyword())) {
        Matcher m = SHELL_VARIABLE.matcher(i.arguments());
        while (m.find()) {
          reads.putIfAbsent(
              m.group(1), new Read(m.group(1), sources.dockerfile(), Optional.empty()));
        }
      }
    }
    String script = withoutComments(Repo.read(START_SCRIPT), "#");
    if (!sources.payaraConfig()) {
      // What the payara) branch reads (the database's address) is for the WARs alone.
      script = PAYARA_BRANCH.matcher(script).replaceFirst("");
    }
    Matcher m = ENVIRONMENT_VARIABLE.matcher(script);
    while (m.find()) {
      reads.putIfAbsent(m.group(1), new Read(m.group(1), START_SCRIPT, Optional.empty()));
    }
    return new ServiceReads(service, reads);
  }

  private static ServiceReads mail() {
    Map<String, Read> reads = new TreeMap<>();
    String config = Repo.read(MAIL_CONFIG);
    Set<String> replaced = new TreeSet<>();
    Matcher put = RUNTIME_PUT.matcher(config);
    while (put.find()) {
      replaced.add(put.group(1));
    }
    of("ai-function")
        .reads()
        .forEach(
            (variable, read) -> {
              boolean runtime = read.readBy().endsWith("FunctionConfig.java");
              if (!runtime || (MAIL_RUNTIME.contains(variable) && !replaced.contains(variable))) {
                reads.put(variable, read);
              }
            });
    Matcher m = MAIL_CONFIG_READ.matcher(config);
    while (m.find()) {
      Optional<String> fallback =
          m.group(2) == null ? Optional.empty() : literal(m.group(2), Map.of());
      Read previous = reads.get(m.group(1));
      if (previous == null || previous.codeDefault().isEmpty()) {
        reads.put(m.group(1), new Read(m.group(1), MAIL_CONFIG, fallback));
      } else if (fallback.isPresent() && !fallback.equals(previous.codeDefault())) {
        // Read by both with different defaults (SERVICE_NAME): MailConfig's is the one in force.
        reads.put(m.group(1), new Read(m.group(1), MAIL_CONFIG, fallback));
      }
    }
    return new ServiceReads("mail-function", reads);
  }

  private static void collect(
      Matcher m, String file, Map<String, String> constants, Map<String, Read> reads) {
    while (m.find()) {
      String variable = m.group(1);
      Optional<String> fallback =
          m.groupCount() >= 2 && m.group(2) != null
              ? literal(m.group(2), constants)
              : Optional.empty();
      Read previous = reads.get(variable);
      if (previous == null || previous.codeDefault().isEmpty()) {
        reads.put(variable, new Read(variable, file, fallback));
      }
    }
  }

  /** A default as text: a string or number literal, or a String constant of these sources. */
  private static Optional<String> literal(String token, Map<String, String> constants) {
    if (token.startsWith("\"")) {
      return Optional.of(token.substring(1, token.length() - 1).replace("\\\"", "\""));
    }
    if (token.matches("-?\\d+")) {
      return Optional.of(token);
    }
    String constant = token.substring(token.lastIndexOf('.') + 1);
    return Optional.ofNullable(constants.get(constant));
  }

  private static String withoutComments(String text, String marker) {
    StringBuilder kept = new StringBuilder();
    for (String line : text.split("\n")) {
      if (!line.strip().startsWith(marker)) {
        kept.append(line).append('\n');
      }
    }
    return kept.toString();
  }

  Set<String> variables() {
    return reads.keySet();
  }
}
