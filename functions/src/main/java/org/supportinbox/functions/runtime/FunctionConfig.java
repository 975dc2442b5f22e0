package org.supportinbox.functions.runtime;

import com.rabbitmq.client.Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.supportinbox.contracts.Sender;
import org.supportinbox.contracts.WireEnum;
import org.supportinbox.contracts.events.EventTopology;

/**
 * Every setting of a function process, read once from the environment with its default. Names and
 * meanings are in docs/configuration.md; {@link #problems()} lists bad values and the process does
 * not start with any.
 */
public final class FunctionConfig {

  /** HS256 needs a key at least as long as its hash (RFC 7518 section 3.2). */
  static final int MIN_SECRET_BYTES = 32;

  /** The values of {@code AI_PROVIDER}. */
  public static final List<String> PROVIDERS = List.of("auto", "ollama", "embedded");

  private final Function<String, String> env;
  private final List<String> problems = new ArrayList<>();

  public final String rabbitHost;
  public final int rabbitPort;

  /**
   * {@code RABBITMQ_ADDRESSES} ({@code host:port,host:port,...}, the nodes of a cluster) when set,
   * else the one node {@code RABBITMQ_HOST:RABBITMQ_PORT}; connections and their recovery try them
   * in turn.
   */
  public final List<Address> rabbitAddresses;

  public final String rabbitVhost;
  public final String rabbitUser;
  public final String rabbitPassword;
  public final String exchange;
  public final String queue;
  public final List<Duration> retryDelays;
  public final int concurrency;
  public final Duration drainTimeout;
  public final String bindAddress;
  public final int httpPort;
  public final String metricsToken;
  public final String messagingUrl;
  public final String aiFunctionSecret;
  public final String serviceName;
  public final Set<Sender> analysedSenders;
  public final String ollamaUrl;
  public final String ollamaModel;
  public final Duration ollamaTimeout;
  public final int ollamaNumPredict;
  public final String ollamaKeepAlive;
  public final int contextMessages;
  public final String aiProvider;
  public final Duration ollamaProbeInterval;

  /**
   * With {@code auto}: an event that has waited longer than this when a replica takes it goes to
   * the embedded provider without asking Ollama; {@link Duration#ZERO}: no limit.
   */
  public final Duration llmMaxWait;

  public final Path embeddedDir;

  /**
   * How often the embedded analyzer asks messaging for newly reviewed intent corrections ({@code
   * GET /ai/examples}); {@link Duration#ZERO}: never (it keeps the examples of its files).
   */
  public final Duration examplesInterval;

  /**
   * The team's language, ISO 639-1: the LLM writes its summaries in it (the suggested reply is in
   * the customer's).
   */
  public final String teamLanguage;

  /**
   * {@code KB_PAST_ANSWERS=on}: the operators' answers in resolved conversations become retrievable
   * passages too (off by default: they may carry another customer's details).
   */
  public final boolean pastAnswers;

  public FunctionConfig(Map<String, String> environment) {
    this.env = environment::get;
    rabbitHost = text("RABBITMQ_HOST", "localhost");
    rabbitPort = integer("RABBITMQ_PORT", 5672, 1, 65_535);
    rabbitAddresses = addresses(env.apply("RABBITMQ_ADDRESSES"), rabbitHost, rabbitPort);
    rabbitVhost = text("RABBITMQ_VHOST", "/");
    rabbitUser = text("RABBITMQ_USER", "guest");
    rabbitPassword = required("RABBITMQ_PASSWORD");
    exchange = text("EVENT_EXCHANGE", EventTopology.DEFAULT_EXCHANGE);
    queue = text("AI_QUEUE", "ai.analyze");
    retryDelays = durations("AI_RETRY_DELAYS", "2s,10s,30s");
    concurrency = integer("AI_CONCURRENCY", 1, 1, 64);
    drainTimeout = duration("AI_DRAIN_TIMEOUT", "30s");
    bindAddress = text("BIND_ADDRESS", "127.0.0.1");
    httpPort = integer("FUNCTION_HTTP_PORT", 8010, 0, 65_535);
    metricsToken = env.apply("METRICS_TOKEN");
    if (metricsToken != null && metricsToken.length() < 16) {
      problems.add("METRICS_TOKEN must be at least 16 characters");
    }
    messagingUrl = stripSlash(text("MESSAGING_URL", "http://127.0.0.1:8001"));
    // The functions' own key (auth's AiFunctionTokens, EventSignature): never JWT_SECRET, which
    // signs every other token of the system.
    aiFunctionSecret = required("AI_FUNCTION_SECRET");
    if (aiFunctionSecret != null
        && aiFunctionSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      problems.add("AI_FUNCTION_SECRET is shorter than " + MIN_SECRET_BYTES + " bytes");
    }
    serviceName = text("SERVICE_NAME", "ai-function");
    analysedSenders = senders(text("AI_ANALYZE_SENDERS", "customer"));
    ollamaUrl = stripSlash(text("OLLAMA_URL", "http://127.0.0.1:11434"));
    ollamaModel = text("OLLAMA_MODEL", "phi3:mini");
    ollamaTimeout = duration("OLLAMA_TIMEOUT", "120s");
    ollamaNumPredict = integer("OLLAMA_NUM_PREDICT", 512, 64, 8_192);
    ollamaKeepAlive = text("OLLAMA_KEEP_ALIVE", "30m");
    contextMessages = integer("AI_CONTEXT_MESSAGES", 6, 0, 20);
    aiProvider = text("AI_PROVIDER", "auto").toLowerCase(Locale.ROOT);
    if (!PROVIDERS.contains(aiProvider)) {
      problems.add("AI_PROVIDER must be one of " + PROVIDERS + ", not '" + aiProvider + "'");
    }
    ollamaProbeInterval = duration("OLLAMA_PROBE_INTERVAL", "30s");
    llmMaxWait = duration("AI_LLM_MAX_WAIT", "120s", true);
    String dir = env.apply("AI_EMBEDDED_DIR");
    embeddedDir = dir == null || dir.isBlank() ? null : Path.of(dir.strip());
    if (embeddedDir != null && !Files.isDirectory(embeddedDir)) {
      problems.add("AI_EMBEDDED_DIR '" + dir + "' is not a directory");
    }
    String past = text("KB_PAST_ANSWERS", "off").toLowerCase(Locale.ROOT);
    pastAnswers = past.equals("on");
    if (!past.equals("on") && !past.equals("off")) {
      problems.add("KB_PAST_ANSWERS must be on or off, not '" + past + "'");
    }
    examplesInterval = duration("AI_EXAMPLES_INTERVAL", "60s", true);
    teamLanguage = text("AI_TEAM_LANGUAGE", "en").toLowerCase(Locale.ROOT);
    if (!teamLanguage.matches("[a-z]{2}")) {
      problems.add(
          "AI_TEAM_LANGUAGE must be an ISO 639-1 code such as en or de, not '"
              + teamLanguage
              + "'");
    }
  }

  public static FunctionConfig fromEnvironment() {
    return new FunctionConfig(System.getenv());
  }

  /** What is wrong with the configuration, one sentence each; empty when it can be used. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** The nodes of {@code RABBITMQ_ADDRESSES} (a missing port is 5672), else {@code host:port}. */
  private List<Address> addresses(String list, String host, int port) {
    if (list == null || list.isBlank()) {
      return List.of(new Address(host, port));
    }
    List<Address> nodes = new ArrayList<>();
    for (String part : list.split(",", -1)) {
      try {
        Address a = Address.parseAddress(part.strip());
        if (part.isBlank() || a.getPort() > 65_535) {
          throw new IllegalArgumentException(part);
        }
        nodes.add(a.getPort() < 0 ? new Address(a.getHost(), 5672) : a);
      } catch (RuntimeException e) {
        problems.add("RABBITMQ_ADDRESSES entry '" + part.strip() + "' is not host:port");
      }
    }
    return List.copyOf(nodes);
  }

  /** {@code host:port,host:port}, for logs. */
  public String rabbitAddressText() {
    return rabbitAddresses.stream()
        .map(a -> a.getHost() + ":" + a.getPort())
        .collect(java.util.stream.Collectors.joining(","));
  }

  private String text(String name, String fallback) {
    String value = env.apply(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  private String required(String name) {
    String value = env.apply(name);
    if (value == null || value.isEmpty()) {
      problems.add(name + " is not set");
      return null;
    }
    return value;
  }

  private int integer(String name, int fallback, int min, int max) {
    String value = text(name, Integer.toString(fallback));
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(name + " must be a whole number " + min + ".." + max + ", not '" + value + "'");
    return fallback;
  }

  private Duration duration(String name, String fallback) {
    return duration(name, fallback, false);
  }

  /** {@code zeroAllowed}: 0 (in any unit) is a value, meaning "no limit" to the caller. */
  private Duration duration(String name, String fallback, boolean zeroAllowed) {
    String value = text(name, fallback);
    try {
      return parseDuration(value, zeroAllowed);
    } catch (IllegalArgumentException e) {
      problems.add(name + ": " + e.getMessage());
      return parseDuration(fallback, zeroAllowed);
    }
  }

  private List<Duration> durations(String name, String fallback) {
    String value = text(name, fallback);
    List<Duration> list = new ArrayList<>();
    try {
      for (String part : value.split(",")) {
        list.add(parseDuration(part.strip()));
      }
      if (list.size() > 10) {
        throw new IllegalArgumentException("at most 10 delays");
      }
      return List.copyOf(list);
    } catch (IllegalArgumentException e) {
      problems.add(name + ": " + e.getMessage());
      return List.of(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30));
    }
  }

  /** {@code 500ms}, {@code 2s}, {@code 5m}; a bare number is seconds. Positive. */
  static Duration parseDuration(String text) {
    return parseDuration(text, false);
  }

  /** As {@link #parseDuration(String)}; zero too when {@code zeroAllowed}. */
  static Duration parseDuration(String text, boolean zeroAllowed) {
    String t = text.strip();
    try {
      Duration d;
      if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else if (t.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      } else {
        d = Duration.ofSeconds(Long.parseLong(t));
      }
      if (d.isNegative() || (d.isZero() && !zeroAllowed)) {
        throw new IllegalArgumentException(
            "'" + text + "' must be " + (zeroAllowed ? "0 or positive" : "positive"));
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (e.g. 500ms, 2s, 5m, or seconds)");
    }
  }

  private Set<Sender> senders(String value) {
    Set<Sender> senders = EnumSet.noneOf(Sender.class);
    for (String name : value.split(",")) {
      String trimmed = name.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      WireEnum.parse(Sender.class, trimmed)
          .ifPresentOrElse(
              senders::add,
              () ->
                  problems.add(
                      "AI_ANALYZE_SENDERS has '"
                          + trimmed
                          + "'; allowed: "
                          + WireEnum.choices(Sender.class)));
    }
    return senders;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
