package org.supportinbox.testing;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * The gateway WAR on Payara Micro with a database of its own and a first admin, in front of {@link
 * MessagingUnderTest} (same JWT secret), started once per test JVM and torn down at exit.
 */
public final class GatewayUnderTest {

  public static final String ADMIN = "admin";

  private static GatewayUnderTest instance;

  public final TestDatabase database;
  public final String secret;
  public final String adminPassword;
  private final PayaraMicro server;

  public final MessagingUnderTest messaging;

  private GatewayUnderTest() {
    messaging = MessagingUnderTest.get();
    database = TestDatabase.create("inbox_gw_it");
    SecureRandom random = new SecureRandom();
    secret = messaging.secret;
    byte[] pw = new byte[12];
    random.nextBytes(pw);
    adminPassword = HexFormat.of().formatHex(pw);
    try {
      server =
          PayaraMicro.start(
              "gateway",
              Path.of(System.getProperty("inbox.gatewayWar")),
              Map.ofEntries(
                  Map.entry("POSTGRES_HOST", database.host()),
                  Map.entry("POSTGRES_PORT", Integer.toString(database.port())),
                  Map.entry("POSTGRES_DB", database.name()),
                  Map.entry("POSTGRES_USER", database.user()),
                  Map.entry("POSTGRES_PASSWORD", database.password()),
                  Map.entry("JWT_SECRET", secret),
                  Map.entry("MESSAGING_URL", messaging.server().baseUrl()),
                  Map.entry("INBOX_ADMIN_USER", ADMIN),
                  Map.entry("INBOX_ADMIN_PASSWORD", adminPassword),
                  // Small enough that a test sees the lock-out within seconds.
                  Map.entry("LOGIN_FREE_FAILURES", "3"),
                  Map.entry("LOGIN_MAX_LOCK_SECONDS", "4")),
              "database");
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

  public PayaraMicro server() {
    return server;
  }

  /** A token signed with the gateway's secret, as any service of the system could make. */
  public String token(String subject, String... groups) {
    return Tokens.sign(secret, subject, Set.of(groups));
  }
}
