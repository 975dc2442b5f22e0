package org.supportinbox.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * The messaging WAR on Payara Micro with a database and vhost of its own, started once per test JVM
 * (failsafe runs every IT of a module in one JVM) and torn down at exit. Its broker connection goes
 * through a {@link TcpProxy}, so tests can take the broker away from it.
 */
public final class MessagingUnderTest {

  public static final String EXCHANGE = InboxStack.EXCHANGE;

  /**
   * What every test replica runs with over {@link InboxStack}'s settings: the Ollama path as the
   * tests script it (retries, then "unavailable"); tests of the embedded provider and of auto
   * selection set {@code AI_PROVIDER} themselves.
   */
  static final Map<String, String> TEST_FUNCTION_SETTINGS =
      Map.of(
          "AI_PROVIDER",
          "ollama",
          "OLLAMA_MODEL",
          "phi3:mini",
          "OLLAMA_TIMEOUT",
          "10s",
          "AI_RETRY_DELAYS",
          "1s,1s,1s");

  /**
   * Its {@code EMAIL_FALLBACK_AFTER}: the system property {@code inbox.emailFallbackAfter} (the
   * functions module sets a short one for the mail function's tests), else a week, so that the
   * fallbacks of other tests' chat replies never fall due, and so never add an event, while the
   * suite runs; messaging's own tests bring a due time forward in the database instead.
   */
  public static final String EMAIL_FALLBACK_AFTER =
      System.getProperty("inbox.emailFallbackAfter", "PT168H");

  private static MessagingUnderTest instance;

  public final TestDatabase database;
  public final TestVhost vhost;
  public final TcpProxy brokerProxy;
  public final String secret;

  /** The AI functions' own key ({@code AI_FUNCTION_SECRET}), which messaging and gateway know. */
  public final String aiFunctionSecret;

  private final InboxStack stack;
  private PayaraMicro server;

  private MessagingUnderTest() throws IOException {
    database = TestDatabase.create("inbox_it");
    vhost = TestVhost.create("inbox-it");
    brokerProxy = new TcpProxy(Env.rabbitHost(), Env.rabbitPort());
    stack =
        InboxStack.builder()
            .broker(new InboxStack.Broker("127.0.0.1", Env.rabbitPort(), vhost.name()))
            .messagingDatabase(database)
            .messagingSettings(
                Map.of("OUTBOX_SWEEP_MS", "500", "EMAIL_FALLBACK_AFTER", EMAIL_FALLBACK_AFTER))
            .functionSettings(TEST_FUNCTION_SETTINGS)
            .build();
    secret = stack.secret();
    aiFunctionSecret = stack.aiFunctionSecret();
  }

  /** The running service, started on first use. */
  public static synchronized MessagingUnderTest get() {
    if (instance == null) {
      try {
        MessagingUnderTest m = new MessagingUnderTest();
        Runtime.getRuntime().addShutdownHook(new Thread(m::stop, "messaging-under-test-stop"));
        // Its broker connection goes through the proxy, which tests can cut.
        m.server =
            m.stack.startMessaging(
                "messaging",
                m.stack.messagingPort(),
                Map.of("RABBITMQ_PORT", Integer.toString(m.brokerProxy.port())));
        instance = m;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /** How the stack around this messaging is started: gateways and replicas on its broker. */
  public InboxStack stack() {
    return stack;
  }

  /** Another instance of messaging on the same database and vhost (direct broker connection). */
  public PayaraMicro startSecondInstance() {
    return stack.startMessaging("messaging-2", PayaraMicro.freePort(), Map.of());
  }

  public PayaraMicro server() {
    return server;
  }

  public String url(String path) {
    return server.baseUrl() + path;
  }

  public String token(String subject, String... groups) {
    return stack.token(subject, groups);
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

  /**
   * A token as a mail function signs it: its own key and issuer (auth's {@code
   * MailFunctionTokens}), granted {@code mail_function}.
   */
  public String mailFunctionToken(String replica) {
    return Tokens.sign(
        stack.mailFunctionSecret(),
        MAIL_FUNCTION_ISSUER,
        replica,
        Set.of("mail_function"),
        java.time.Instant.now(),
        java.time.Duration.ofMinutes(10));
  }

  /** auth's {@code MailFunctionTokens.ISSUER}. */
  public static final String MAIL_FUNCTION_ISSUER = "support-inbox/mail-function";

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
