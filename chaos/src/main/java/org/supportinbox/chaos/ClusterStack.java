package org.supportinbox.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
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
 * What {@code ./inbox chaos --cluster} starts: a three-node {@link PrivateRabbitCluster}, and on
 * it, through test-support's {@link InboxStack} with {@code RABBITMQ_ADDRESSES} naming all three
 * nodes, messaging instances on one database, gateway instances on one gateway database (gateway i
 * and replica i talk to messaging i mod M), each gateway behind a {@link WebSocketCuttingProxy}
 * (only a forwarder here: the page's origin), AI function replicas, and an {@link OllamaDouble}
 * numbering every analysis. {@link #close()} stops it all and drops the databases.
 */
final class ClusterStack implements AutoCloseable {

  static final String MODEL = ChaosStack.MODEL;

  final PrivateRabbitCluster rabbit;
  final TestDatabase messagingDb;
  final TestDatabase gatewayDb;
  final OllamaDouble ollama;
  final InboxStack services;
  final List<Integer> messagingPorts = new ArrayList<>();
  final List<PayaraMicro> messaging = new ArrayList<>();
  final List<PayaraMicro> gateways = new ArrayList<>();
  final List<WebSocketCuttingProxy> wsProxies = new ArrayList<>();
  final List<FunctionUnderTest> replicas = new ArrayList<>();
  private final ClusterOptions options;
  private final AtomicInteger analyses = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  private ClusterStack(ClusterOptions options, PrivateRabbitCluster rabbit) throws IOException {
    this.options = options;
    this.rabbit = rabbit;
    messagingDb = TestDatabase.create("inbox_chaos");
    gatewayDb = TestDatabase.create("inbox_chaos_gw");
    ollama = OllamaDouble.start(MODEL);
    ollama.latency(Duration.ofMillis(options.modelLatencyMs()));
    ollama.script(
        call ->
            OllamaDouble.text(
                "{\"intent\":\"billing\",\"summary\":\"Analysis number "
                    + analyses.incrementAndGet()
                    + ".\",\"suggested_reply\":\"We are looking into it.\","
                    + "\"sentiment\":\"neutral\",\"urgency\":\"normal\"}"));
    for (int i = 0; i < options.messagingInstances(); i++) {
      messagingPorts.add(PayaraMicro.freePort());
    }
    for (int i = 0; i < options.gateways(); i++) {
      wsProxies.add(new WebSocketCuttingProxy());
    }
    Map<String, String> cluster = Map.of("RABBITMQ_ADDRESSES", rabbit.addresses());
    Map<String, String> gatewaySettings =
        new java.util.HashMap<>(
            Map.of(
                "CUSTOMER_MESSAGE_RATE_PER_MINUTE", "1000000",
                "CUSTOMER_ADDRESS_MESSAGE_RATE_PER_MINUTE", "1000000",
                "CUSTOMER_START_RATE_PER_MINUTE", "1000000",
                "LOGIN_RATE_PER_MINUTE", "1000"));
    gatewaySettings.putAll(cluster);
    Map<String, String> functionSettings =
        new java.util.HashMap<>(
            Map.of(
                "OLLAMA_MODEL",
                MODEL,
                "OLLAMA_TIMEOUT",
                "10s",
                "AI_CONCURRENCY",
                Integer.toString(options.aiConcurrency())));
    functionSettings.putAll(cluster);
    services =
        InboxStack.builder()
            // The first node as RABBITMQ_HOST/PORT; RABBITMQ_ADDRESSES (all three) overrides it.
            .broker(new InboxStack.Broker("127.0.0.1", rabbit.node(0).port(), "/"))
            .messagingDatabase(messagingDb)
            .messagingPort(messagingPorts.get(0))
            .messagingSettings(cluster)
            .readyTimeout(ChaosStack.READY_TIMEOUT)
            .gatewayDatabase(gatewayDb)
            .gatewaySettings(gatewaySettings)
            .functionSettings(functionSettings)
            .build();
  }

  static ClusterStack start(ClusterOptions options) throws IOException {
    Log.say("starting a private 3-node RabbitMQ cluster");
    PrivateRabbitCluster rabbit = PrivateRabbitCluster.start(3, Duration.ofMinutes(3));
    Log.say("RabbitMQ cluster on " + rabbit.addresses());
    ClusterStack stack = null;
    try {
      stack = new ClusterStack(options, rabbit);
      stack.startServices();
      return stack;
    } catch (RuntimeException | IOException e) {
      if (stack != null) {
        stack.close();
      } else {
        rabbit.close();
      }
      throw e;
    }
  }

  String messagingUrl(int i) {
    return "http://127.0.0.1:" + messagingPorts.get(i % messagingPorts.size());
  }

  private void startServices() throws IOException {
    // One Payara Micro boot at a time, as ChaosStack does.
    for (int i = 0; i < messagingPorts.size(); i++) {
      Log.say("starting messaging-" + (i + 1) + " on port " + messagingPorts.get(i));
      messaging.add(
          services.startMessaging("messaging-" + (i + 1), messagingPorts.get(i), Map.of()));
    }
    for (int i = 0; i < wsProxies.size(); i++) {
      Log.say("starting gateway-" + (i + 1) + " (messaging " + messagingUrl(i) + ")");
      PayaraMicro gw =
          services.startGateway(
              "gateway-" + (i + 1),
              Map.of(
                  "ALLOWED_ORIGINS", wsProxies.get(i).origin(), "MESSAGING_URL", messagingUrl(i)));
      gateways.add(gw);
      wsProxies.get(i).forwardTo("127.0.0.1", gw.port());
    }
    Log.say("starting " + options.replicas() + " AI replicas");
    for (int i = 0; i < options.replicas(); i++) {
      replicas.add(
          services.startFunction(
              "ai-function-" + (i + 1), ollama.url(), Map.of("MESSAGING_URL", messagingUrl(i))));
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
    for (PayaraMicro m : messaging) {
      steps.add(m::close);
    }
    for (WebSocketCuttingProxy p : wsProxies) {
      steps.add(p::close);
    }
    steps.add(ollama::close);
    steps.add(rabbit::close);
    steps.add(messagingDb::close);
    steps.add(gatewayDb::close);
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (RuntimeException e) {
        Log.say("cleanup step failed: " + e);
      }
    }
  }
}
