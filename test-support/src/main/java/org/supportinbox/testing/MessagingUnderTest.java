package org.supportinbox.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * The messaging WAR on Payara Micro with a database and vhost of its own, started once per test JVM
 * (failsafe runs every IT of a module in one JVM) and torn down at exit. Its broker connection goes
 * through a {@link TcpProxy}, so tests can take the broker away from it.
 */
public final class MessagingUnderTest {

  public static final String EXCHANGE = "inbox.events";

  private static MessagingUnderTest instance;

  public final TestDatabase database;
  public final TestVhost vhost;
  public final TcpProxy brokerProxy;
  public final String secret;

  /** The AI functions' own key ({@code AI_FUNCTION_SECRET}), which messaging and gateway know. */
  public final String aiFunctionSecret;

  private PayaraMicro server;
  private final Map<String, String> environment;

  private MessagingUnderTest() throws IOException {
    database = TestDatabase.create("inbox_it");
    vhost = TestVhost.create("inbox-it");
    brokerProxy = new TcpProxy(Env.rabbitHost(), Env.rabbitPort());
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    secret = HexFormat.of().formatHex(key);
    new SecureRandom().nextBytes(key);
    aiFunctionSecret = HexFormat.of().formatHex(key);
    environment = new HashMap<>();
    environment.put("POSTGRES_HOST", database.host());
    environment.put("POSTGRES_PORT", Integer.toString(database.port()));
    environment.put("POSTGRES_DB", database.name());
    environment.put("POSTGRES_USER", database.user());
    environment.put("POSTGRES_PASSWORD", database.password());
    environment.put("RABBITMQ_HOST", "127.0.0.1");
    environment.put("RABBITMQ_PORT", Integer.toString(brokerProxy.port()));
    environment.put("RABBITMQ_VHOST", vhost.name());
    environment.put("RABBITMQ_USER", "guest");
    environment.put("RABBITMQ_PASSWORD", "guest");
    environment.put("JWT_SECRET", secret);
    environment.put("AI_FUNCTION_SECRET", aiFunctionSecret);
    environment.put("EVENT_EXCHANGE", EXCHANGE);
    environment.put("OUTBOX_SWEEP_MS", "500");
  }

  /** The running service, started on first use. */
  public static synchronized MessagingUnderTest get() {
    if (instance == null) {
      try {
        MessagingUnderTest m = new MessagingUnderTest();
        Runtime.getRuntime().addShutdownHook(new Thread(m::stop, "messaging-under-test-stop"));
        m.server = m.startServer();
        instance = m;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  private PayaraMicro startServer() {
    return PayaraMicro.start(
        "messaging", Path.of(System.getProperty("inbox.messagingWar")), environment, "database");
  }

  /** Another instance of messaging on the same database and vhost (direct broker connection). */
  public PayaraMicro startSecondInstance() {
    Map<String, String> env = new HashMap<>(environment);
    env.put("RABBITMQ_PORT", Integer.toString(Env.rabbitPort()));
    return PayaraMicro.start(
        "messaging-2", Path.of(System.getProperty("inbox.messagingWar")), env, "database");
  }

  public PayaraMicro server() {
    return server;
  }

  public String url(String path) {
    return server.baseUrl() + path;
  }

  public String token(String subject, String... groups) {
    return Tokens.sign(secret, subject, Set.of(groups));
  }

  /**
   * A token as an AI function replica signs it: its own key and issuer (auth's {@code
   * AiFunctionTokens}, which test-support cannot depend on), granted {@code ai_function}.
   */
  public String aiFunctionToken(String replica) {
    return Tokens.sign(
        aiFunctionSecret,
        AI_FUNCTION_ISSUER,
        replica,
        Set.of("ai_function"),
        java.time.Instant.now(),
        java.time.Duration.ofMinutes(10));
  }

  /** auth's {@code AiFunctionTokens.ISSUER}. */
  public static final String AI_FUNCTION_ISSUER = "support-inbox/ai-function";

  public String serviceToken() {
    return token("gateway", "service");
  }

  public String operatorToken(String username) {
    return token(username, "operator");
  }

  private void stop() {
    if (server != null) {
      server.close();
    }
    brokerProxy.close();
    try {
      vhost.close();
    } finally {
      database.close();
    }
  }
}
