package org.supportinbox.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.supportinbox.testing.FunctionUnderTest;
import org.supportinbox.testing.InboxStack;
import org.supportinbox.testing.OllamaDouble;
import org.supportinbox.testing.PayaraMicro;
import org.supportinbox.testing.TestDatabase;
import org.supportinbox.testing.WebSocketCuttingProxy;

/**
 * What {@code ./inbox chaos --pg-failover} starts: a {@link PrivatePostgresPair} (primary and
 * streaming standby) holding both databases (messaging's and the gateways'), a {@link
 * PrivateRabbit} node, and through test-support's {@link InboxStack} one messaging instance, the
 * gateway instances (each behind a {@link WebSocketCuttingProxy}, only a forwarder here: the page's
 * origin) and the AI function replicas, every service given {@code POSTGRES_HOST} naming both
 * servers ({@code 127.0.0.1:<primary>,127.0.0.1:<standby>}), and an {@link OllamaDouble} numbering
 * every analysis. {@link #close()} stops it all and drops the two clusters.
 */
final class FailoverStack implements AutoCloseable {

  static final String MODEL = ChaosStack.MODEL;

  final PrivatePostgresPair postgres;
  final PrivateRabbit rabbit;
  final TestDatabase messagingDb;
  final TestDatabase gatewayDb;
  final OllamaDouble ollama;
  final InboxStack services;
  final List<PayaraMicro> gateways = new ArrayList<>();
  final List<WebSocketCuttingProxy> wsProxies = new ArrayList<>();
  final List<FunctionUnderTest> replicas = new ArrayList<>();
  private PayaraMicro messaging;
  private final FailoverOptions options;
  private final AtomicInteger analyses = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  private FailoverStack(FailoverOptions options, PrivatePostgresPair postgres, PrivateRabbit rabbit)
      throws IOException {
    this.options = options;
    this.postgres = postgres;
    this.rabbit = rabbit;
    // Created on the primary; the standby receives them by streaming replication.
    messagingDb = TestDatabase.createOn("127.0.0.1", postgres.primaryPort(), "inbox_pgfo");
    gatewayDb = TestDatabase.createOn("127.0.0.1", postgres.primaryPort(), "inbox_pgfo_gw");
    ollama = OllamaDouble.start(MODEL);
    ollama.latency(Duration.ofMillis(options.modelLatencyMs()));
    ollama.script(
        call ->
            OllamaDouble.text(
                "{\"intent\":\"billing\",\"summary\":\"Analysis number "
                    + analyses.incrementAndGet()
                    + ".\",\"suggested_reply\":\"We are looking into it.\","
                    + "\"sentiment\":\"neutral\",\"urgency\":\"normal\"}"));
    for (int i = 0; i < options.gateways(); i++) {
      wsProxies.add(new WebSocketCuttingProxy());
    }
    // Both servers; the pool connects to whichever is the primary (targetServerType=primary).
    Map<String, String> database =
        Map.of(
            "POSTGRES_HOST",
            postgres.hosts(),
            "POSTGRES_PORT",
            Integer.toString(postgres.primaryPort()),
            "POSTGRES_USER",
            PrivatePostgresPair.USER,
            "POSTGRES_PASSWORD",
            PrivatePostgresPair.PASSWORD);
    Map<String, String> gatewaySettings =
        new HashMap<>(
            Map.of(
                "CUSTOMER_MESSAGE_RATE_PER_MINUTE", "1000000",
                "CUSTOMER_ADDRESS_MESSAGE_RATE_PER_MINUTE", "1000000",
                "CUSTOMER_START_RATE_PER_MINUTE", "1000000",
                "LOGIN_RATE_PER_MINUTE", "1000"));
    gatewaySettings.putAll(database);
    services =
        InboxStack.builder()
            .broker(new InboxStack.Broker("127.0.0.1", rabbit.port(), "/"))
            .messagingDatabase(messagingDb)
            .messagingPort(PayaraMicro.freePort())
            .messagingSettings(database)
            .readyTimeout(ChaosStack.READY_TIMEOUT)
            .gatewayDatabase(gatewayDb)
            .gatewaySettings(gatewaySettings)
            .functionSettings(
                Map.of(
                    "OLLAMA_MODEL",
                    MODEL,
                    "OLLAMA_TIMEOUT",
                    "10s",
                    "AI_CONCURRENCY",
                    Integer.toString(options.aiConcurrency())))
            .build();
  }

  static FailoverStack start(FailoverOptions options) throws IOException {
    Log.say(
        "starting a private PostgreSQL primary and standby ("
            + options.replication()
            + " replication)");
    PrivatePostgresPair postgres = PrivatePostgresPair.start(options.synchronous());
    Log.say(
        "PostgreSQL primary "
            + postgres.primary()
            + " on 127.0.0.1:"
            + postgres.primaryPort()
            + ", standby "
            + postgres.standby()
            + " on 127.0.0.1:"
            + postgres.standbyPort());
    PrivateRabbit rabbit = null;
    FailoverStack stack = null;
    try {
      Log.say("starting a private RabbitMQ node");
      rabbit = PrivateRabbit.start(Duration.ofMinutes(3));
      stack = new FailoverStack(options, postgres, rabbit);
      stack.startServices();
      return stack;
    } catch (RuntimeException | IOException e) {
      if (stack != null) {
        stack.close();
      } else {
        if (rabbit != null) {
          rabbit.close();
        }
        postgres.close();
      }
      throw e;
    }
  }

  String messagingUrl() {
    return services.messagingUrl();
  }

  private void startServices() throws IOException {
    // One Payara Micro boot at a time, as ChaosStack does.
    Log.say("starting messaging on port " + services.messagingPort());
    messaging = services.startMessaging("messaging", services.messagingPort(), Map.of());
    for (int i = 0; i < wsProxies.size(); i++) {
      Log.say("starting gateway-" + (i + 1));
      PayaraMicro gw =
          services.startGateway(
              "gateway-" + (i + 1),
              Map.of(
                  "ALLOWED_ORIGINS",
                  wsProxies.get(i).origin(),
                  "MESSAGING_URL",
                  services.messagingUrl()));
      gateways.add(gw);
      wsProxies.get(i).forwardTo("127.0.0.1", gw.port());
    }
    Log.say("starting " + options.replicas() + " AI replicas");
    for (int i = 0; i < options.replicas(); i++) {
      replicas.add(
          services.startFunction(
              "ai-function-" + (i + 1),
              ollama.url(),
              Map.of("MESSAGING_URL", services.messagingUrl())));
    }
    for (FunctionUnderTest f : replicas) {
      f.awaitHealthy(Duration.ofMinutes(2));
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<Runnable> steps = new ArrayList<>();
    for (FunctionUnderTest f : replicas) {
      steps.add(f::close);
    }
    for (PayaraMicro g : gateways) {
      steps.add(g::close);
    }
    if (messaging != null) {
      steps.add(messaging::close);
    }
    for (WebSocketCuttingProxy p : wsProxies) {
      steps.add(p::close);
    }
    steps.add(ollama::close);
    steps.add(rabbit::close);
    // The databases go with the clusters.
    steps.add(postgres::close);
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (RuntimeException e) {
        Log.say("cleanup step failed: " + e);
      }
    }
  }
}
