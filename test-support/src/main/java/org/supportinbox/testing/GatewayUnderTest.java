package org.supportinbox.testing;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * The gateway WAR on Payara Micro with a database of its own and a first admin, in front of {@link
 * MessagingUnderTest} (same JWT secret), started once per test JVM and torn down at exit.
 */
public final class GatewayUnderTest {

  public static final String ADMIN = "admin";

  /** Messages one customer token may send per minute on the test gateway. */
  public static final int CUSTOMER_MESSAGES_PER_MINUTE = 5;

  /** Frames a test socket may have waiting before the gateway closes it as too slow (1013). */
  public static final int WS_SEND_QUEUE = 32;

  /** The one browser origin the test gateway lets open /ws. */
  public static final String ALLOWED_ORIGIN = "http://inbox.test";

  private static GatewayUnderTest instance;

  public final TestDatabase database;
  public final String secret;
  public final String adminPassword;
  private final PayaraMicro server;
  private final Map<String, String> environment;

  public final MessagingUnderTest messaging;

  private GatewayUnderTest() {
    messaging = MessagingUnderTest.get();
    database = TestDatabase.create("inbox_gw_it");
    SecureRandom random = new SecureRandom();
    secret = messaging.secret;
    byte[] pw = new byte[12];
    random.nextBytes(pw);
    adminPassword = HexFormat.of().formatHex(pw);
    environment =
        Map.ofEntries(
            Map.entry("POSTGRES_HOST", database.host()),
            Map.entry("POSTGRES_PORT", Integer.toString(database.port())),
            Map.entry("POSTGRES_DB", database.name()),
            Map.entry("POSTGRES_USER", database.user()),
            Map.entry("POSTGRES_PASSWORD", database.password()),
            Map.entry("JWT_SECRET", secret),
            Map.entry("AI_FUNCTION_SECRET", messaging.aiFunctionSecret),
            Map.entry("MESSAGING_URL", messaging.server().baseUrl()),
            Map.entry("RABBITMQ_HOST", "127.0.0.1"),
            Map.entry("RABBITMQ_PORT", Integer.toString(Env.rabbitPort())),
            Map.entry("RABBITMQ_VHOST", messaging.vhost.name()),
            Map.entry("RABBITMQ_USER", "guest"),
            Map.entry("RABBITMQ_PASSWORD", "guest"),
            Map.entry("EVENT_EXCHANGE", MessagingUnderTest.EXCHANGE),
            Map.entry("ALLOWED_ORIGINS", ALLOWED_ORIGIN),
            Map.entry("INBOX_ADMIN_USER", ADMIN),
            Map.entry("INBOX_ADMIN_PASSWORD", adminPassword),
            // Small enough that a test sees the lock-out within seconds.
            Map.entry("LOGIN_FREE_FAILURES", "3"),
            Map.entry("LOGIN_MAX_LOCK_SECONDS", "4"),
            // Every test client is 127.0.0.1: generous per address, tight per customer token.
            Map.entry("LOGIN_RATE_PER_MINUTE", "1000"),
            Map.entry("WS_SEND_QUEUE", Integer.toString(WS_SEND_QUEUE)),
            // Long enough that a test's stalled socket is cut off for its full queue, not a
            // timeout.
            Map.entry("WS_SEND_TIMEOUT_MS", "60000"),
            Map.entry("CUSTOMER_START_RATE_PER_MINUTE", "1000"),
            Map.entry("CUSTOMER_ADDRESS_MESSAGE_RATE_PER_MINUTE", "10000"),
            Map.entry(
                "CUSTOMER_MESSAGE_RATE_PER_MINUTE",
                Integer.toString(CUSTOMER_MESSAGES_PER_MINUTE)));
    try {
      server = start("gateway");
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** The running gateway, started on first use. */
  public static synchronized GatewayUnderTest get() {
    if (instance == null) {
      GatewayUnderTest g = new GatewayUnderTest();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    g.server.close();
                    g.database.close();
                  },
                  "gateway-under-test-stop"));
      instance = g;
    }
    return instance;
  }

  private PayaraMicro start(String name) {
    return start(name, Map.of());
  }

  private PayaraMicro start(String name, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(environment);
    env.putAll(overrides);
    return PayaraMicro.start(
        name, Path.of(System.getProperty("inbox.gatewayWar")), env, "database");
  }

  /** Another gateway instance on the same database, broker and messaging; the caller closes it. */
  public PayaraMicro startSecondInstance() {
    return start("gateway-2");
  }

  /**
   * Another gateway instance like {@link #startSecondInstance()}, with some settings changed (e.g.
   * {@code RABBITMQ_PORT} of a {@link TcpProxy}); the caller closes it.
   */
  public PayaraMicro startInstance(String name, Map<String, String> overrides) {
    return start(name, overrides);
  }

  public PayaraMicro server() {
    return server;
  }

  /** A token signed with the gateway's secret, as any service of the system could make. */
  public String token(String subject, String... groups) {
    return Tokens.sign(secret, subject, Set.of(groups));
  }
}
