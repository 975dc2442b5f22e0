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
 * Everything a chaos run starts, and the faults it can do to it: a {@link PrivateRabbit} node, and
 * on it, started through test-support's {@link InboxStack}, messaging on Payara Micro (on a port
 * that stays its own across a SIGKILL and restart), two gateway instances on one gateway database,
 * each behind a {@link WebSocketCuttingProxy} that the operator clients connect through, AI
 * function replicas as separate processes, and an {@link OllamaDouble} answering every analysis
 * after a latency. {@link #close()} stops every process by its handle and drops the databases; the
 * private node goes with its directory.
 */
final class ChaosStack implements AutoCloseable {

  static final String MODEL = "phi3:mini";

  /** How long a Payara Micro boot may take; the shared 2-core test machine is often very busy. */
  static final Duration READY_TIMEOUT = Duration.ofMinutes(8);

  final PrivateRabbit rabbit;
  final TestDatabase messagingDb;
  final TestDatabase gatewayDb;
  final OllamaDouble ollama;

  /**
   * Messaging, the gateways and the replicas on the private node; the replicas hold the AI
   * functions' own key, never the JWT secret.
   */
  final InboxStack services;

  final List<WebSocketCuttingProxy> wsProxies = new ArrayList<>();
  final List<PayaraMicro> gateways = new ArrayList<>();
  private final List<FunctionUnderTest> replicas = new ArrayList<>();
  private final List<FunctionUnderTest> stopped = new ArrayList<>();
  private final AtomicInteger replicaSerial = new AtomicInteger();
  private final AtomicInteger messagingRestarts = new AtomicInteger();
  private final AtomicInteger analyses = new AtomicInteger();
  private final ChaosOptions options;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile PayaraMicro messaging;

  /** The email phase's mail servers and mail function replicas; null without one. */
  volatile MailSide mail;

  private ChaosStack(ChaosOptions options, PrivateRabbit rabbit) throws IOException {
    this.options = options;
    this.rabbit = rabbit;
    messagingDb = TestDatabase.create("inbox_chaos");
    gatewayDb = TestDatabase.create("inbox_chaos_gw");
    ollama = OllamaDouble.start(MODEL);
    // Every analysis answers with its own number in the summary: if a message were analysed and
    // stored twice, the ledger would see two different results for it.
    ollama.latency(Duration.ofMillis(options.modelLatencyMs()));
    ollama.script(
        call ->
            OllamaDouble.text(
                "{\"intent\":\"billing\",\"summary\":\"Analysis number "
                    + analyses.incrementAndGet()
                    + ".\",\"suggested_reply\":\"We are looking into it.\","
                    + "\"sentiment\":\"neutral\",\"urgency\":\"normal\"}"));
    for (int i = 0; i < 2; i++) {
      wsProxies.add(new WebSocketCuttingProxy());
    }
    services =
        InboxStack.builder()
            .broker(new InboxStack.Broker("127.0.0.1", rabbit.port(), "/"))
            .messagingDatabase(messagingDb)
            // Chosen once: a restart after SIGKILL is where MESSAGING_URL points.
            .messagingPort(PayaraMicro.freePort())
            .readyTimeout(READY_TIMEOUT)
            .gatewayDatabase(gatewayDb)
            // Every simulated customer is 127.0.0.1 and writes far more than a person would.
            .gatewaySettings(
                Map.of(
                    "CUSTOMER_MESSAGE_RATE_PER_MINUTE", "1000000",
                    "CUSTOMER_ADDRESS_MESSAGE_RATE_PER_MINUTE", "1000000",
                    "CUSTOMER_START_RATE_PER_MINUTE", "1000000",
                    "LOGIN_RATE_PER_MINUTE", "1000"))
            // AI_PROVIDER (auto) and AI_RETRY_DELAYS (2s,10s,30s) stay at the product's defaults:
            // a 30 s Ollama outage is outlasted by the last retry, as it would be in production.
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

  /** Starts it all, in parallel where the pieces do not wait for each other. */
  static ChaosStack start(ChaosOptions options) throws IOException {
    Log.say("starting a private RabbitMQ node");
    PrivateRabbit rabbit = PrivateRabbit.start(Duration.ofMinutes(3));
    Log.say("RabbitMQ node " + rabbit.node() + " on 127.0.0.1:" + rabbit.port());
    ChaosStack stack = null;
    try {
      stack = new ChaosStack(options, rabbit);
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

  private void startServices() throws IOException {
    // One Payara Micro boot at a time: several at once on a busy 2-core machine can each miss
    // their readiness timeout.
    Log.say("starting messaging on port " + services.messagingPort());
    messaging = services.startMessaging("messaging");
    for (int i = 0; i < wsProxies.size(); i++) {
      Log.say("starting gateway-" + (i + 1));
      // The operators' sockets go through the proxy, whose origin is the page's.
      PayaraMicro gw =
          services.startGateway(
              "gateway-" + (i + 1), Map.of("ALLOWED_ORIGINS", wsProxies.get(i).origin()));
      gateways.add(gw);
      wsProxies.get(i).forwardTo("127.0.0.1", gw.port());
    }
    Log.say("messaging and gateways ready; starting " + options.replicas() + " AI replicas");
    List<FunctionUnderTest> started = new ArrayList<>();
    for (int i = 0; i < options.replicas(); i++) {
      started.add(startReplica());
    }
    for (FunctionUnderTest f : started) {
      f.awaitHealthy(Duration.ofMinutes(2));
    }
    if (options.email()) {
      Log.say("starting the mail servers (GreenMail) and 2 mail function replicas");
      mail = MailSide.start(services, 2);
    }
  }

  /** Starts one more analyze replica; does not wait for it. */
  FunctionUnderTest startReplica() throws IOException {
    FunctionUnderTest f =
        services.startFunction(
            "ai-function-" + replicaSerial.incrementAndGet(), ollama.url(), Map.of());
    synchronized (replicas) {
      replicas.add(f);
    }
    return f;
  }

  /** SIGKILLs the oldest running replica and starts a new one; returns what was done. */
  String killReplicaAndStartAnother() throws IOException {
    FunctionUnderTest victim;
    synchronized (replicas) {
      victim = replicas.remove(0);
      stopped.add(victim);
    }
    long pid = victim.pid();
    victim.sigkill();
    FunctionUnderTest fresh = startReplica();
    fresh.awaitHealthy(Duration.ofMinutes(2));
    return "SIGKILL replica pid " + pid + ", new replica pid " + fresh.pid() + " healthy";
  }

  /** SIGKILLs messaging and starts it again on the same port and database; waits until ready. */
  String killAndRestartMessaging() {
    long pid = messaging.pid();
    messaging.kill();
    long killedAt = System.nanoTime();
    messaging = services.startMessaging("messaging-restart-" + messagingRestarts.incrementAndGet());
    return "SIGKILL messaging pid "
        + pid
        + ", restarted as pid "
        + messaging.pid()
        + " on port "
        + services.messagingPort()
        + ", ready after "
        + (System.nanoTime() - killedAt) / 1_000_000
        + " ms";
  }

  int runningReplicas() {
    synchronized (replicas) {
      return replicas.size();
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<Runnable> steps = new ArrayList<>();
    if (mail != null) {
      steps.add(mail::close);
    }
    synchronized (replicas) {
      for (FunctionUnderTest f : replicas) {
        steps.add(f::close);
      }
      for (FunctionUnderTest f : stopped) {
        steps.add(f::close);
      }
    }
    for (PayaraMicro g : gateways) {
      steps.add(g::close);
    }
    if (messaging != null) {
      PayaraMicro m = messaging;
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
        // Go on with the rest: one stuck piece must not leave the others running.
        Log.say("cleanup step failed: " + e);
      }
    }
  }
}
