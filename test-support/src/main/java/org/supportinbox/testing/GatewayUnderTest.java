package org.supportinbox.testing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The gateway WAR on Payara Micro with a database of its own and a first admin, in front of {@link
 * MessagingUnderTest} (same JWT secret), started once per test JVM and torn down at exit.
 */
public final class GatewayUnderTest {

  public static final String ADMIN = InboxStack.ADMIN;

  /** Messages one customer token may send per minute on the test gateway. */
  public static final int CUSTOMER_MESSAGES_PER_MINUTE = 5;

  /** Frames a test socket may have waiting before the gateway closes it as too slow (1013). */
  public static final int WS_SEND_QUEUE = 32;

  /** The one browser origin the test gateway lets open /ws. */
  public static final String ALLOWED_ORIGIN = "http://inbox.test";

  /** The test gateways' settings over {@link InboxStack}'s. */
  private static final Map<String, String> SETTINGS =
      Map.ofEntries(
          Map.entry("ALLOWED_ORIGINS", ALLOWED_ORIGIN),
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
              "CUSTOMER_MESSAGE_RATE_PER_MINUTE", Integer.toString(CUSTOMER_MESSAGES_PER_MINUTE)));

  private static GatewayUnderTest instance;

  public final TestDatabase database;
  public final String secret;
  public final String adminPassword;
  private final InboxStack stack;
  private final PayaraMicro server;

  public final MessagingUnderTest messaging;

  private GatewayUnderTest() {
    messaging = MessagingUnderTest.get();
    database = TestDatabase.create("inbox_gw_it");
    byte[] pw = new byte[12];
    new SecureRandom().nextBytes(pw);
    stack = messaging.stack().withGateways(database, HexFormat.of().formatHex(pw), SETTINGS);
    secret = stack.secret();
    adminPassword = stack.adminPassword();
    try {
      server = stack.startGateway("gateway", Map.of());
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

  /** How the system around this gateway is started: more gateways, replicas. */
  public InboxStack stack() {
    return stack;
  }

  /** Another gateway instance on the same database, broker and messaging; the caller closes it. */
  public PayaraMicro startSecondInstance() {
    return stack.startGateway("gateway-2", Map.of());
  }

  /**
   * Another gateway instance like {@link #startSecondInstance()}, with some settings changed (e.g.
   * {@code RABBITMQ_PORT} of a {@link TcpProxy}); the caller closes it.
   */
  public PayaraMicro startInstance(String name, Map<String, String> overrides) {
    return stack.startGateway(name, overrides);
  }

  public PayaraMicro server() {
    return server;
  }

  /** A token signed with the gateway's secret, as any service of the system could make. */
  public String token(String subject, String... groups) {
    return stack.token(subject, groups);
  }
}
