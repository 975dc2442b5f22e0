package org.supportinbox.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.supportinbox.contracts.events.EventTopology;

/**
 * How the test tools start the system: messaging, gateway instances and AI function replicas on one
 * broker, with one JWT secret and one AI function key, each service with the settings it shares
 * with the others (broker, exchange, databases, secrets, messaging's URL, the first admin) and the
 * caller's own on top. The one place in the Java tools that knows which variables each service
 * needs; {@link MessagingUnderTest}, {@link GatewayUnderTest}, {@link StackUnderTest} (and through
 * it e2e and hostile) and chaos start everything through it. How a process is launched stays with
 * {@link PayaraMicro} and {@link FunctionUnderTest}.
 *
 * <p>It owns no resource: the caller creates and drops the databases and the broker, and stops what
 * it started.
 */
public final class InboxStack {

  public static final String EXCHANGE = EventTopology.DEFAULT_EXCHANGE;

  /** The first admin's user name on every gateway. */
  public static final String ADMIN = "admin";

  /** Where the services reach RabbitMQ, as {@code guest}. */
  public record Broker(String host, int port, String vhost) {}

  private final Broker broker;
  private final TestDatabase messagingDatabase;
  private final TestDatabase gatewayDatabase;
  private final String secret;
  private final String aiFunctionSecret;
  private final String mailFunctionSecret;
  private final String adminPassword;
  private final int messagingPort;
  private final Duration readyTimeout;
  private final Map<String, String> messagingSettings;
  private final Map<String, String> gatewaySettings;
  private final Map<String, String> functionSettings;

  private InboxStack(Builder b) {
    broker = b.broker;
    messagingDatabase = b.messagingDatabase;
    gatewayDatabase = b.gatewayDatabase;
    secret = b.secret == null ? random(32) : b.secret;
    aiFunctionSecret = b.aiFunctionSecret == null ? random(32) : b.aiFunctionSecret;
    mailFunctionSecret = b.mailFunctionSecret == null ? random(32) : b.mailFunctionSecret;
    adminPassword = b.adminPassword == null ? random(12) : b.adminPassword;
    messagingPort = b.messagingPort == 0 ? PayaraMicro.freePort() : b.messagingPort;
    readyTimeout = b.readyTimeout;
    messagingSettings = Map.copyOf(b.messagingSettings);
    gatewaySettings = Map.copyOf(b.gatewaySettings);
    functionSettings = Map.copyOf(b.functionSettings);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The same stack with gateways too: their database, their first admin's password, settings. */
  public InboxStack withGateways(
      TestDatabase database, String adminPassword, Map<String, String> settings) {
    Builder b = toBuilder();
    b.gatewayDatabase = database;
    b.adminPassword = adminPassword;
    b.gatewaySettings = Map.copyOf(settings);
    return b.build();
  }

  private Builder toBuilder() {
    Builder b = new Builder();
    b.broker = broker;
    b.messagingDatabase = messagingDatabase;
    b.gatewayDatabase = gatewayDatabase;
    b.secret = secret;
    b.aiFunctionSecret = aiFunctionSecret;
    b.mailFunctionSecret = mailFunctionSecret;
    b.adminPassword = adminPassword;
    b.messagingPort = messagingPort;
    b.readyTimeout = readyTimeout;
    b.messagingSettings = messagingSettings;
    b.gatewaySettings = gatewaySettings;
    b.functionSettings = functionSettings;
    return b;
  }

  /** The stack's settings; what is not given is made up (random secrets, a free port). */
  public static final class Builder {
    private Broker broker;
    private TestDatabase messagingDatabase;
    private TestDatabase gatewayDatabase;
    private String secret;
    private String aiFunctionSecret;
    private String mailFunctionSecret;
    private String adminPassword;
    private int messagingPort;
    private Duration readyTimeout = Duration.ofMinutes(4);
    private Map<String, String> messagingSettings = Map.of();
    private Map<String, String> gatewaySettings = Map.of();
    private Map<String, String> functionSettings = Map.of();

    private Builder() {}

    public Builder broker(Broker broker) {
      this.broker = broker;
      return this;
    }

    public Builder messagingDatabase(TestDatabase database) {
      this.messagingDatabase = database;
      return this;
    }

    /**
     * Messaging's port, which stays its own across a restart (the gateways' {@code MESSAGING_URL}
     * and the replicas' point there); default: a free one.
     */
    public Builder messagingPort(int port) {
      this.messagingPort = port;
      return this;
    }

    /** How long a Payara Micro boot may take (default 4 min; busy machines need more). */
    public Builder readyTimeout(Duration readyTimeout) {
      this.readyTimeout = readyTimeout;
      return this;
    }

    /** Settings of every messaging instance, over the shared ones. */
    public Builder messagingSettings(Map<String, String> settings) {
      this.messagingSettings = settings;
      return this;
    }

    public Builder gatewayDatabase(TestDatabase database) {
      this.gatewayDatabase = database;
      return this;
    }

    public Builder adminPassword(String adminPassword) {
      this.adminPassword = adminPassword;
      return this;
    }

    /** Settings of every gateway instance, over the shared ones. */
    public Builder gatewaySettings(Map<String, String> settings) {
      this.gatewaySettings = settings;
      return this;
    }

    /** Settings of every function replica, over the shared ones. */
    public Builder functionSettings(Map<String, String> settings) {
      this.functionSettings = settings;
      return this;
    }

    public InboxStack build() {
      if (broker == null || messagingDatabase == null) {
        throw new IllegalStateException("a stack needs a broker and messaging's database");
      }
      return new InboxStack(this);
    }
  }

  public String secret() {
    return secret;
  }

  /** The AI functions' own key ({@code AI_FUNCTION_SECRET}), which messaging and gateway know. */
  public String aiFunctionSecret() {
    return aiFunctionSecret;
  }

  /** The mail functions' own key ({@code MAIL_FUNCTION_SECRET}), which messaging knows. */
  public String mailFunctionSecret() {
    return mailFunctionSecret;
  }

  public String adminPassword() {
    return adminPassword;
  }

  public int messagingPort() {
    return messagingPort;
  }

  public String messagingUrl() {
    return "http://127.0.0.1:" + messagingPort;
  }

  /** A token signed with the stack's JWT secret, as any service of the system could make. */
  public String token(String subject, String... groups) {
    return Tokens.sign(secret, subject, Set.of(groups));
  }

  /**
   * Messaging's environment: its database, the broker, the secrets, the exchange, the metrics
   * token; its settings.
   */
  public Map<String, String> messagingEnvironment() {
    Map<String, String> env = database(messagingDatabase);
    env.putAll(brokerEnvironment());
    env.put("JWT_SECRET", secret);
    env.put("AI_FUNCTION_SECRET", aiFunctionSecret);
    env.put("MAIL_FUNCTION_SECRET", mailFunctionSecret);
    env.put("METRICS_TOKEN", FunctionUnderTest.METRICS_TOKEN);
    env.putAll(messagingSettings);
    return env;
  }

  /**
   * A gateway's environment: its database, the broker, both secrets, messaging's URL and the first
   * admin; its settings.
   */
  public Map<String, String> gatewayEnvironment() {
    if (gatewayDatabase == null) {
      throw new IllegalStateException("no gateway database: see withGateways");
    }
    Map<String, String> env = database(gatewayDatabase);
    env.putAll(brokerEnvironment());
    env.put("JWT_SECRET", secret);
    env.put("AI_FUNCTION_SECRET", aiFunctionSecret);
    env.put("MESSAGING_URL", messagingUrl());
    env.put("INBOX_ADMIN_USER", ADMIN);
    env.put("INBOX_ADMIN_PASSWORD", adminPassword);
    env.putAll(gatewaySettings);
    return env;
  }

  /**
   * A replica's environment: the broker, messaging's URL, the functions' own key (never {@code
   * JWT_SECRET}: messaging grants its tokens {@code ai_function} only), the model server at {@code
   * ollamaUrl}, the metrics token; its settings. A new map, for the caller to add to.
   */
  public Map<String, String> functionEnvironment(String ollamaUrl) {
    Map<String, String> env = brokerEnvironment();
    env.put("MESSAGING_URL", messagingUrl());
    env.put("AI_FUNCTION_SECRET", aiFunctionSecret);
    env.put("OLLAMA_URL", ollamaUrl);
    env.put("METRICS_TOKEN", FunctionUnderTest.METRICS_TOKEN);
    env.put("BIND_ADDRESS", "127.0.0.1");
    env.putAll(functionSettings);
    return env;
  }

  /**
   * A mail function's environment: the broker, messaging's URL, the mail functions' own key, the
   * metrics token; then {@code mail} (the mailbox, the SMTP server, the support address). A new
   * map, for the caller to add to.
   */
  public Map<String, String> mailFunctionEnvironment(Map<String, String> mail) {
    Map<String, String> env = brokerEnvironment();
    env.put("MESSAGING_URL", messagingUrl());
    env.put("MAIL_FUNCTION_SECRET", mailFunctionSecret);
    env.put("METRICS_TOKEN", FunctionUnderTest.METRICS_TOKEN);
    env.put("BIND_ADDRESS", "127.0.0.1");
    env.putAll(mail);
    return env;
  }

  /** Messaging on its port; waits until it is ready. */
  public PayaraMicro startMessaging(String name) {
    return startMessaging(name, messagingPort, Map.of());
  }

  /** A messaging instance on {@code port} with {@code overrides} over its environment. */
  public PayaraMicro startMessaging(String name, int port, Map<String, String> overrides) {
    Map<String, String> env = messagingEnvironment();
    env.putAll(overrides);
    return PayaraMicro.start(name, war("inbox.messagingWar"), env, "database", port, readyTimeout);
  }

  /** A gateway instance on a free port with {@code overrides}; waits until it is ready. */
  public PayaraMicro startGateway(String name, Map<String, String> overrides) {
    Map<String, String> env = gatewayEnvironment();
    env.putAll(overrides);
    return PayaraMicro.start(
        name, war("inbox.gatewayWar"), env, "database", PayaraMicro.freePort(), readyTimeout);
  }

  /** An analyze replica asking the model at {@code ollamaUrl}, with {@code overrides}; no wait. */
  public FunctionUnderTest startFunction(
      String name, String ollamaUrl, Map<String, String> overrides) throws IOException {
    Map<String, String> env = functionEnvironment(ollamaUrl);
    env.putAll(overrides);
    return FunctionUnderTest.start(name, env);
  }

  private Map<String, String> brokerEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("RABBITMQ_HOST", broker.host());
    env.put("RABBITMQ_PORT", Integer.toString(broker.port()));
    env.put("RABBITMQ_VHOST", broker.vhost());
    env.put("RABBITMQ_USER", "guest");
    env.put("RABBITMQ_PASSWORD", "guest");
    env.put("EVENT_EXCHANGE", EXCHANGE);
    return env;
  }

  private static Map<String, String> database(TestDatabase db) {
    Map<String, String> env = new HashMap<>();
    env.put("POSTGRES_HOST", db.host());
    env.put("POSTGRES_PORT", Integer.toString(db.port()));
    env.put("POSTGRES_DB", db.name());
    env.put("POSTGRES_USER", db.user());
    env.put("POSTGRES_PASSWORD", db.password());
    return env;
  }

  private static Path war(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("system property " + property + " is not set by the build");
    }
    return Path.of(value);
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
