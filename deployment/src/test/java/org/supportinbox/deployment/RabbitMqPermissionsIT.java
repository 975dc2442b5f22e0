package org.supportinbox.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.events.AiCompleted;
import org.supportinbox.contracts.events.AiRequested;
import org.supportinbox.contracts.events.ArticleChanged;
import org.supportinbox.contracts.events.ConversationRead;
import org.supportinbox.contracts.events.ConversationUpdated;
import org.supportinbox.contracts.events.EmailDeliveryChanged;
import org.supportinbox.contracts.events.EventTopology;
import org.supportinbox.contracts.events.MessageCreated;
import org.supportinbox.functions.runtime.FunctionTopology;
import org.supportinbox.testing.TestVhost;

/**
 * The services' own RabbitMQ users, on a real broker: service-users.sh applies
 * deployment/rabbitmq/service-users.conf to a throw-away vhost, as compose's rabbitmq-users step
 * does (through {@link RabbitMqManagementDouble}, since the local broker has no management plugin),
 * and each service's user then does exactly what its service does with the broker, and is refused
 * ({@code ACCESS_REFUSED}) what its service never does. Every broker object is deleted before each
 * test, so each user declares the exchange first, as after a broker lost its data: that needs the
 * most rights (the alternate and dead-letter exchanges are checked only then).
 *
 * <p>The names are the defaults: {@code inbox.events}, {@code ai.analyze}. The users' names get a
 * random suffix on the shared broker; all of them and the vhost are deleted afterwards.
 */
class RabbitMqPermissionsIT {

  static final String EXCHANGE = EventTopology.DEFAULT_EXCHANGE;
  static final String UNROUTED = EventTopology.unroutedExchange(EXCHANGE);
  static final String AI_QUEUE = "ai.analyze";

  /** AI_RETRY_DELAYS' default, 2s,10s,30s. */
  static final List<Duration> RETRY_DELAYS =
      List.of(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30));

  /** MAIL_QUEUE's default (MailConfig) and MAIL_RETRY_DELAYS' default, 10s,30s,1m,5m,15m. */
  static final String MAIL_QUEUE = "mail.send";

  static final List<Duration> MAIL_RETRY_DELAYS =
      List.of(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15));

  /** What MailSendFunction binds its work queue to. */
  static final List<String> MAIL_KEYS = List.of(EmailDeliveryChanged.TYPE);

  /** ReaderLease.QUEUE: the exclusive queue whose owner reads the mailbox. */
  static final String LEASE_QUEUE = "mail.reader.lease";

  /** The routing keys AnalyzeFunction binds its work queue to. */
  static final List<String> FUNCTION_KEYS = List.of(MessageCreated.TYPE, AiRequested.TYPE);

  /** The knowledge-base indexer's queue (AnalyzeMain) and its key (IndexFunction). */
  static final String INDEX_QUEUE = AI_QUEUE + ".index";

  static final List<String> INDEX_KEYS = List.of(ArticleChanged.TYPE, ConversationUpdated.TYPE);

  /** RabbitMqEventSubscriber.EVENTS: what the gateway pushes to browsers. */
  static final List<String> GATEWAY_EVENTS =
      List.of(
          MessageCreated.TYPE,
          AiRequested.TYPE,
          AiCompleted.TYPE,
          ConversationUpdated.TYPE,
          ConversationRead.TYPE,
          EmailDeliveryChanged.TYPE);

  /** What messaging publishes from its outbox (OutboxEvents). */
  static final List<String> MESSAGING_EVENTS =
      List.of(
          MessageCreated.TYPE,
          AiRequested.TYPE,
          ConversationUpdated.TYPE,
          ConversationRead.TYPE,
          ArticleChanged.TYPE,
          EmailDeliveryChanged.TYPE);

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String ADMIN = "admin-" + RUN;
  private static final String ADMIN_PASSWORD = secret();

  /** The users of service-users.conf and their password variables. */
  private static final Map<String, String> PASSWORD_VARIABLES = ServiceUsersFile.load().users();

  /** A password of this run for each user. */
  private static final Map<String, String> PASSWORDS = new HashMap<>();

  private static TestVhost vhost;
  private static RabbitMqManagementDouble api;

  /** The management API calls of the first run, as compose's step makes them. */
  private static List<RabbitMqManagementDouble.Call> firstRun;

  @BeforeAll
  static void applyTheFileAsComposeDoes() {
    // The tests below are one per service user.
    assertThat(PASSWORD_VARIABLES)
        .containsOnlyKeys("messaging", "gateway", "ai-function", "mail-function");
    PASSWORD_VARIABLES.keySet().forEach(user -> PASSWORDS.put(user, secret()));
    // A slash in the name: the script must percent-encode the vhost in the API's paths.
    vhost = TestVhost.createNamed("deployment-it/" + RUN);
    api = RabbitMqManagementDouble.start(ADMIN, ADMIN_PASSWORD, RUN);
    Script run = script(Map.of());
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("user messaging: created", "done: vhost " + vhost.name());
    firstRun = api.calls();
  }

  @AfterAll
  static void deleteTheUsersAndTheVhost() {
    try {
      if (api != null) {
        api.close();
      }
    } finally {
      if (vhost != null) {
        vhost.close();
      }
    }
  }

  @BeforeEach
  void noBrokerObjectYet() throws Exception {
    try (Connection c = vhost.connectionFactory().newConnection("permissions-it-cleanup");
        Channel ch = c.createChannel()) {
      ch.exchangeDelete(EXCHANGE);
      ch.exchangeDelete(UNROUTED);
      List<String> queues = new ArrayList<>(List.of(UNROUTED));
      for (String work : List.of(AI_QUEUE, INDEX_QUEUE, MAIL_QUEUE)) {
        queues.add(work);
        queues.add(work + ".dead");
        RETRY_DELAYS.forEach(d -> queues.add(work + ".retry." + d.toMillis() + "ms"));
        MAIL_RETRY_DELAYS.forEach(d -> queues.add(work + ".retry." + d.toMillis() + "ms"));
      }
      for (String queue : queues) {
        ch.queueDelete(queue);
      }
    }
  }

  // ---- the script -------------------------------------------------------------------------

  @Test
  void theScriptSetEveryRuleOfTheFileForEachUserOnTheVhost() {
    Map<String, Long> puts = new HashMap<>();
    for (RabbitMqManagementDouble.Call call : firstRun) {
      if (call.method().equals("PUT") && call.path().size() == 4) {
        assertThat(call.path().get(2)).as("the vhost in " + call.path()).isEqualTo(vhost.name());
        puts.merge(call.path().get(1) + " " + call.path().get(3), 1L, Long::sum);
      }
    }
    for (String user : PASSWORD_VARIABLES.keySet()) {
      assertThat(puts).containsEntry("permissions " + user, 1L);
      assertThat(puts).containsEntry("topic-permissions " + user, 1L);
    }
  }

  @Test
  void runningTheScriptAgainUpdatesInPlace() {
    Script again = script(Map.of());
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.output()).doesNotContain(": created").contains("user gateway: updated");
  }

  @Test
  void theScriptChecksTheWholeFileBeforeChangingAnything() {
    int before = api.calls().size();
    Script run = script(Map.of("RABBITMQ_FUNCTIONS_PASSWORD", "too-short"));
    assertThat(run.exitCode()).as(run.output()).isNotZero();
    assertThat(run.output()).contains("RABBITMQ_FUNCTIONS_PASSWORD", "at least 16 characters");
    assertThat(api.calls()).as("requests made").hasSize(before);
  }

  @Test
  void anOptionalUserWithoutItsPasswordIsLeftOutAndTheOthersAreSet() {
    int before = api.calls().size();
    Script run = script(Map.of("RABBITMQ_MAIL_PASSWORD", ""));
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("user mail-function: left out", "user ai-function: updated")
        .doesNotContain("user mail-function: updated", "permissions of mail-function");
    List<RabbitMqManagementDouble.Call> calls = api.calls();
    assertThat(calls.subList(before, calls.size()))
        .noneMatch(c -> c.method().equals("PUT") && c.path().contains("mail-function"))
        .anyMatch(c -> c.method().equals("PUT") && c.path().contains("ai-function"));
  }

  @Test
  void anOptionalUsersPasswordWhenGivenMustBeLongEnough() {
    int before = api.calls().size();
    Script run = script(Map.of("RABBITMQ_MAIL_PASSWORD", "too-short"));
    assertThat(run.exitCode()).as(run.output()).isNotZero();
    assertThat(run.output()).contains("RABBITMQ_MAIL_PASSWORD", "at least 16 characters");
    assertThat(api.calls()).as("requests made").hasSize(before);
  }

  // ---- messaging --------------------------------------------------------------------------

  @Test
  void messagingDeclaresItsTopologyAndPublishesItsEvents() throws Exception {
    try (Connection c = connect("messaging")) {
      Channel ch = c.createChannel();
      declareAsMessagingDoes(ch);
      ch.confirmSelect();
      for (String type : MESSAGING_EVENTS) {
        ch.basicPublish(EXCHANGE, type, true, persistent(type), body(type));
      }
      ch.waitForConfirmsOrDie(10_000);
    }
    // Nothing is bound: all of them went to the alternate exchange's queue.
    assertThat(messagesIn(UNROUTED)).isEqualTo(MESSAGING_EVENTS.size());
  }

  @Test
  void messagingMayNotPublishAiCompletedNorTouchTheFunctionsQueues() throws Exception {
    try (Connection c = connect("messaging")) {
      declareAsMessagingDoes(c.createChannel());
      assertRefused(
          "messaging publishing ai.completed",
          () -> publishConfirmed(c, EXCHANGE, AiCompleted.TYPE));
      assertRefused(
          "messaging declaring " + AI_QUEUE,
          () -> c.createChannel().queueDeclare(AI_QUEUE, true, false, false, null));
      assertRefused(
          "messaging publishing through the default exchange",
          () -> publishConfirmed(c, "", UNROUTED));
    }
  }

  // ---- AI functions -----------------------------------------------------------------------

  @Test
  void functionsDeclareTheirTopologyConsumeAndPublishAsTheRuntimeDoes() throws Exception {
    declareMessagingsUnroutedQueueAsGuest();
    FunctionTopology topology =
        new FunctionTopology(EXCHANGE, AI_QUEUE, RETRY_DELAYS, FUNCTION_KEYS);
    try (Connection c = connect("ai-function")) {
      Channel setup = c.createChannel();
      topology.declare(setup); // FunctionRuntime.start
      setup.close();
      Channel consumer = c.createChannel();
      consumer.basicQos(1);
      consumer.basicConsume(topology.workQueue(), false, (tag, delivery) -> {}, tag -> {});
      // As ConfirmedPublisher publishes them: AnalyzeFunction's ai.completed to the exchange,
      // FunctionRuntime's retry and dead letter through the default exchange.
      publishConfirmed(c, EXCHANGE, AiCompleted.TYPE);
      publishConfirmed(c, "", topology.retryQueue(0));
      publishConfirmed(c, "", topology.deadLetterQueue());
      assertThat(consumer.isOpen()).isTrue();
    }
    assertThat(messagesIn(AI_QUEUE + ".dead")).isEqualTo(1);
    assertThat(messagesIn(UNROUTED)).as("ai.completed, bound by no queue here").isEqualTo(1);
  }

  @Test
  void theIndexerDeclaresItsTopologyConsumesAndRetriesAsTheRuntimeDoes() throws Exception {
    declareMessagingsUnroutedQueueAsGuest();
    FunctionTopology topology =
        new FunctionTopology(EXCHANGE, INDEX_QUEUE, RETRY_DELAYS, INDEX_KEYS);
    try (Connection c = connect("ai-function")) {
      Channel setup = c.createChannel();
      topology.declare(setup);
      setup.close();
      Channel consumer = c.createChannel();
      consumer.basicQos(1);
      consumer.basicConsume(topology.workQueue(), false, (tag, delivery) -> {}, tag -> {});
      publishConfirmed(c, "", topology.retryQueue(0));
      publishConfirmed(c, "", topology.deadLetterQueue());
      assertThat(consumer.isOpen()).isTrue();
      assertRefused(
          "the indexer consuming " + topology.deadLetterQueue(),
          () ->
              c.createChannel()
                  .basicConsume(topology.deadLetterQueue(), true, (t, d) -> {}, t -> {}));
      assertRefused(
          "the indexer binding its queue to conversation.read",
          () -> c.createChannel().queueBind(INDEX_QUEUE, EXCHANGE, "conversation.read"));
    }
    assertThat(messagesIn(INDEX_QUEUE + ".dead")).isEqualTo(1);
  }

  @Test
  void functionsMayNotPublishTheOtherEventsNorReadTheDeadLetters() throws Exception {
    declareMessagingsUnroutedQueueAsGuest();
    FunctionTopology topology =
        new FunctionTopology(EXCHANGE, AI_QUEUE, RETRY_DELAYS, FUNCTION_KEYS);
    try (Connection c = connect("ai-function")) {
      topology.declare(c.createChannel());
      for (String type : MESSAGING_EVENTS) {
        assertRefused(
            "the functions publishing " + type, () -> publishConfirmed(c, EXCHANGE, type));
      }
      assertRefused(
          "the functions consuming " + topology.deadLetterQueue(),
          () ->
              c.createChannel()
                  .basicConsume(topology.deadLetterQueue(), true, (t, d) -> {}, t -> {}));
      assertRefused(
          "the functions binding their queue to ai.completed",
          () -> c.createChannel().queueBind(AI_QUEUE, EXCHANGE, AiCompleted.TYPE));
      assertRefused(
          "the functions declaring a gateway's queue",
          () -> c.createChannel().queueDeclare(fanOutQueue(), false, true, true, null));
    }
  }

  // ---- the mail function ------------------------------------------------------------------

  @Test
  void theMailFunctionDeclaresItsTopologyConsumesRetriesAndTakesItsLeaseAsMailMainDoes()
      throws Exception {
    declareMessagingsUnroutedQueueAsGuest();
    FunctionTopology topology =
        new FunctionTopology(EXCHANGE, MAIL_QUEUE, MAIL_RETRY_DELAYS, MAIL_KEYS);
    try (Connection c = connect("mail-function");
        Connection other = connect("mail-function")) {
      Channel setup = c.createChannel();
      topology.declare(setup); // FunctionRuntime.start
      setup.close();
      Channel consumer = c.createChannel();
      consumer.basicQos(1);
      consumer.basicConsume(topology.workQueue(), false, (tag, delivery) -> {}, tag -> {});
      // FunctionRuntime's retries and dead letters, through the default exchange.
      for (int i = 0; i < topology.retries(); i++) {
        int n = i;
        publishConfirmed(c, "", topology.retryQueue(n));
      }
      publishConfirmed(c, "", topology.deadLetterQueue());
      // ReaderLease.acquire: the exclusive queue, on a connection of its own. A second replica
      // is refused with RESOURCE_LOCKED (not ACCESS_REFUSED): the right is there, the lease taken.
      Channel lease = c.createChannel();
      lease.queueDeclare(LEASE_QUEUE, false, true, true, Map.of());
      Throwable locked =
          catchThrowable(
              () -> other.createChannel().queueDeclare(LEASE_QUEUE, false, true, true, Map.of()));
      assertThat(closeCode(locked)).as("a second replica's lease").isEqualTo(AMQP.RESOURCE_LOCKED);
      assertThat(consumer.isOpen()).isTrue();
      assertThat(lease.isOpen()).isTrue();
    }
    assertThat(messagesIn(MAIL_QUEUE + ".dead")).isEqualTo(1);
  }

  @Test
  void theMailFunctionMayPublishNoEventNorReadWhatIsNotItsOwn() throws Exception {
    declareMessagingsUnroutedQueueAsGuest();
    FunctionTopology topology =
        new FunctionTopology(EXCHANGE, MAIL_QUEUE, MAIL_RETRY_DELAYS, MAIL_KEYS);
    try (Connection c = connect("mail-function")) {
      topology.declare(c.createChannel());
      List<String> events = new ArrayList<>(MESSAGING_EVENTS);
      events.add(AiCompleted.TYPE);
      for (String type : events) {
        assertRefused(
            "the mail function publishing " + type, () -> publishConfirmed(c, EXCHANGE, type));
      }
      assertRefused(
          "the mail function consuming " + topology.deadLetterQueue(),
          () ->
              c.createChannel()
                  .basicConsume(topology.deadLetterQueue(), true, (t, d) -> {}, t -> {}));
      assertRefused(
          "the mail function binding its queue to message.created",
          () -> c.createChannel().queueBind(MAIL_QUEUE, EXCHANGE, MessageCreated.TYPE));
      assertRefused(
          "the mail function declaring " + AI_QUEUE,
          () -> c.createChannel().queueDeclare(AI_QUEUE, true, false, false, null));
      assertRefused(
          "the mail function declaring a gateway's queue",
          () -> c.createChannel().queueDeclare(fanOutQueue(), false, true, true, null));
      // Its lease is declared, never read: no consuming it (nothing is ever published to it).
      c.createChannel().queueDeclare(LEASE_QUEUE, false, true, true, Map.of());
      assertRefused(
          "the mail function consuming " + LEASE_QUEUE,
          () -> c.createChannel().basicConsume(LEASE_QUEUE, true, (t, d) -> {}, t -> {}));
    }
    // And the AI functions may not touch the mail queue.
    try (Connection c = connect("ai-function")) {
      assertRefused(
          "the AI functions consuming " + MAIL_QUEUE,
          () -> c.createChannel().basicConsume(MAIL_QUEUE, true, (t, d) -> {}, t -> {}));
    }
  }

  // ---- gateway ----------------------------------------------------------------------------

  @Test
  void theGatewayDeclaresBindsAndConsumesItsFanOutQueueAsTheSubscriberDoes() throws Exception {
    try (Connection c = connect("gateway")) {
      Channel ch = c.createChannel();
      String queue = subscribeAsTheGatewayDoes(ch);
      assertThat(ch.messageCount(queue)).isZero(); // checkBacklog
      assertThat(ch.isOpen()).isTrue();
    }
  }

  @Test
  void theGatewayMayPublishNothingAndBindNothingElse() throws Exception {
    declareMessagingsUnroutedQueueAsGuest();
    try (Connection c = connect("gateway")) {
      String queue = subscribeAsTheGatewayDoes(c.createChannel());
      for (String type : GATEWAY_EVENTS) {
        assertRefused("the gateway publishing " + type, () -> publishConfirmed(c, EXCHANGE, type));
      }
      assertRefused(
          "the gateway publishing to its queue through the default exchange",
          () -> publishConfirmed(c, "", queue));
      assertRefused(
          "the gateway publishing " + ArticleChanged.TYPE,
          () -> publishConfirmed(c, EXCHANGE, ArticleChanged.TYPE));
      assertRefused(
          "the gateway binding every routing key (#)",
          () -> c.createChannel().queueBind(queue, EXCHANGE, "#"));
      // Not one of the events the gateway pushes to browsers: its topic read rights leave it out.
      assertRefused(
          "the gateway binding " + ArticleChanged.TYPE,
          () -> c.createChannel().queueBind(queue, EXCHANGE, ArticleChanged.TYPE));
      assertRefused(
          "the gateway consuming " + UNROUTED,
          () -> c.createChannel().basicConsume(UNROUTED, true, (t, d) -> {}, t -> {}));
    }
  }

  // ---- what each service does with the broker ---------------------------------------------

  /** RabbitMqEventPublisher.declareTopology (messaging-war), call for call. */
  private static void declareAsMessagingDoes(Channel ch) throws IOException {
    ch.exchangeDeclare(UNROUTED, BuiltinExchangeType.FANOUT, true);
    ch.queueDeclare(UNROUTED, true, false, false, Map.of("x-queue-type", "quorum"));
    ch.queueBind(UNROUTED, UNROUTED, "");
    ch.exchangeDeclare(
        EXCHANGE,
        BuiltinExchangeType.TOPIC,
        true,
        false,
        EventTopology.exchangeArguments(EXCHANGE));
  }

  /** RabbitMqEventSubscriber.start (gateway-war), call for call; returns the queue. */
  private static String subscribeAsTheGatewayDoes(Channel ch) throws IOException {
    ch.exchangeDeclare(
        EXCHANGE,
        BuiltinExchangeType.TOPIC,
        true,
        false,
        EventTopology.exchangeArguments(EXCHANGE));
    String queue = fanOutQueue();
    ch.queueDeclare(
        queue, false, true, true, Map.of("x-max-length", 10_000, "x-overflow", "drop-head"));
    for (String event : GATEWAY_EVENTS) {
      ch.queueBind(queue, EXCHANGE, event);
    }
    ch.basicQos(256);
    ch.basicConsume(queue, false, (tag, delivery) -> {}, tag -> {});
    return queue;
  }

  private static String fanOutQueue() {
    return "gateway.fanout." + UUID.randomUUID();
  }

  /** What messaging declares, as guest: the functions' events need the alternate exchange. */
  private static void declareMessagingsUnroutedQueueAsGuest() throws Exception {
    try (Connection c = vhost.connectionFactory().newConnection("permissions-it-setup")) {
      Channel ch = c.createChannel();
      ch.exchangeDeclare(UNROUTED, BuiltinExchangeType.FANOUT, true);
      ch.queueDeclare(UNROUTED, true, false, false, Map.of("x-queue-type", "quorum"));
      ch.queueBind(UNROUTED, UNROUTED, "");
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  interface BrokerCall {
    void run() throws Exception;
  }

  /** The reply code of the channel close behind {@code thrown}, or -1. */
  private static int closeCode(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof ShutdownSignalException s
          && s.getReason() instanceof AMQP.Channel.Close close) {
        return close.getReplyCode();
      }
    }
    return -1;
  }

  /** The call fails because the broker closed the channel with 403 ACCESS_REFUSED. */
  private static void assertRefused(String what, BrokerCall call) {
    Throwable thrown = catchThrowable(call::run);
    assertThat(thrown).as(what + " should have been refused").isNotNull();
    ShutdownSignalException signal = null;
    for (Throwable t = thrown; t != null && signal == null; t = t.getCause()) {
      if (t instanceof ShutdownSignalException s) {
        signal = s;
      }
    }
    assertThat(signal)
        .as(what + ": the broker closed the channel (got " + thrown + ")")
        .isNotNull();
    assertThat(signal.getReason()).as(what).isInstanceOf(AMQP.Channel.Close.class);
    AMQP.Channel.Close close = (AMQP.Channel.Close) signal.getReason();
    assertThat(close.getReplyCode())
        .as(what + ": " + close.getReplyText())
        .isEqualTo(AMQP.ACCESS_REFUSED);
  }

  /**
   * Publishes as both services do (RabbitMqEventPublisher, ConfirmedPublisher): on a confirm
   * channel, mandatory and persistent, then waits for the confirm. A fresh channel each time, since
   * a refusal closes it.
   */
  private static void publishConfirmed(Connection c, String exchange, String routingKey)
      throws IOException, InterruptedException, TimeoutException {
    Channel ch = c.createChannel();
    ch.confirmSelect();
    ch.basicPublish(exchange, routingKey, true, persistent(routingKey), body(routingKey));
    ch.waitForConfirmsOrDie(10_000);
  }

  private static Connection connect(String user) throws IOException, TimeoutException {
    ConnectionFactory f = vhost.connectionFactory();
    f.setUsername(api.brokerUser(user));
    f.setPassword(PASSWORDS.get(user));
    return f.newConnection("permissions-it-" + user);
  }

  private static long messagesIn(String queue) throws Exception {
    try (Connection c = vhost.connectionFactory().newConnection("permissions-it-count");
        Channel ch = c.createChannel()) {
      // A quorum queue's count follows the confirm closely, not at once.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      long count = ch.messageCount(queue);
      while (count == 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        count = ch.messageCount(queue);
      }
      return count;
    }
  }

  private static AMQP.BasicProperties properties(String type) {
    return new AMQP.BasicProperties.Builder()
        .contentType("application/json")
        .type(type)
        .messageId(UUID.randomUUID().toString())
        .build();
  }

  private static AMQP.BasicProperties persistent(String type) {
    return properties(type).builder().deliveryMode(2).build();
  }

  private static byte[] body(String text) {
    return ("{\"test\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static String secret() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  // ---- running service-users.sh -----------------------------------------------------------

  record Script(int exitCode, String output) {}

  /** The script as the rabbitmq-users step runs it, with {@code overrides} on its environment. */
  private static Script script(Map<String, String> overrides) {
    Path script = Repo.path("deployment/rabbitmq/service-users.sh");
    ProcessBuilder builder = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("RABBITMQ_MANAGEMENT_URL", api.url());
    env.put("RABBITMQ_USER", ADMIN);
    env.put("RABBITMQ_PASSWORD", ADMIN_PASSWORD);
    env.put("RABBITMQ_VHOST", vhost.name());
    env.put("EVENT_EXCHANGE", EXCHANGE);
    env.put("AI_QUEUE", AI_QUEUE);
    env.put("MAIL_QUEUE", MAIL_QUEUE);
    env.put("MANAGEMENT_WAIT_SECONDS", "10");
    PASSWORD_VARIABLES.forEach((user, variable) -> env.put(variable, PASSWORDS.get(user)));
    env.putAll(overrides);
    try {
      Process p = builder.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("service-users.sh did not finish within 120 s: " + output);
      }
      return new Script(p.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script, e);
    }
  }
}
