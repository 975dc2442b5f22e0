package org.supportinbox.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.supportinbox.contracts.events.EventTopology;
import org.supportinbox.testing.FunctionUnderTest;
import org.supportinbox.testing.OllamaDouble;
import org.supportinbox.testing.PayaraMicro;
import org.supportinbox.testing.TestDatabase;
import org.supportinbox.testing.WebSocketCuttingProxy;

/**
 * Everything a chaos run starts, and the faults it can do to it: a {@link PrivateRabbit} node,
 * messaging on Payara Micro (on a port that stays its own across a SIGKILL and restart), two
 * gateway instances on one gateway database, each behind a {@link WebSocketCuttingProxy} that the
 * operator clients connect through, AI function replicas as separate processes, and an {@link
 * OllamaDouble} answering every analysis after a latency. {@link #close()} stops every process by
 * its handle and drops the databases; the private node goes with its directory.
 */
final class ChaosStack implements AutoCloseable {

  static final String MODEL = "phi3:mini";
  static final String ADMIN = "admin";

  /** How long a Payara Micro boot may take; the shared 2-core test machine is often very busy. */
  static final Duration READY_TIMEOUT = Duration.ofMinutes(8);

  final PrivateRabbit rabbit;
  final TestDatabase messagingDb;
  final TestDatabase gatewayDb;
  final OllamaDouble ollama;
  final String secret;

  /**
   * The AI functions' own key ({@code AI_FUNCTION_SECRET}): the replicas hold it instead of {@code
   * secret}; messaging and the gateways know both.
   */
  final String aiFunctionSecret;

  final int messagingPort;
  final List<WebSocketCuttingProxy> wsProxies = new ArrayList<>();
  final List<PayaraMicro> gateways = new ArrayList<>();
  private final List<FunctionUnderTest> replicas = new ArrayList<>();
  private final List<FunctionUnderTest> stopped = new ArrayList<>();
  private final Map<String, String> messagingEnv = new HashMap<>();
  private final AtomicInteger replicaSerial = new AtomicInteger();
  private final AtomicInteger messagingRestarts = new AtomicInteger();
  private final AtomicInteger analyses = new AtomicInteger();
  private final ChaosOptions options;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile PayaraMicro messaging;

  private ChaosStack(ChaosOptions options, PrivateRabbit rabbit) throws IOException {
    this.options = options;
    this.rabbit = rabbit;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    secret = HexFormat.of().formatHex(key);
    new SecureRandom().nextBytes(key);
    aiFunctionSecret = HexFormat.of().formatHex(key);
    messagingPort = PayaraMicro.freePort();
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
    messagingEnv.put("POSTGRES_HOST", messagingDb.host());
    messagingEnv.put("POSTGRES_PORT", Integer.toString(messagingDb.port()));
    messagingEnv.put("POSTGRES_DB", messagingDb.name());
    messagingEnv.put("POSTGRES_USER", messagingDb.user());
    messagingEnv.put("POSTGRES_PASSWORD", messagingDb.password());
    messagingEnv.put("RABBITMQ_HOST", "127.0.0.1");
    messagingEnv.put("RABBITMQ_PORT", Integer.toString(rabbit.port()));
    messagingEnv.put("RABBITMQ_VHOST", "/");
    messagingEnv.put("RABBITMQ_USER", "guest");
    messagingEnv.put("RABBITMQ_PASSWORD", "guest");
    messagingEnv.put("JWT_SECRET", secret);
    messagingEnv.put("AI_FUNCTION_SECRET", aiFunctionSecret);
    messagingEnv.put("EVENT_EXCHANGE", EventTopology.DEFAULT_EXCHANGE);
    // One Payara Micro boot at a time: several at once on a busy 2-core machine can each miss
    // their readiness timeout.
    Log.say("starting messaging on port " + messagingPort);
    messaging = startMessaging("messaging");
    for (int i = 0; i < wsProxies.size(); i++) {
      Log.say("starting gateway-" + (i + 1));
      PayaraMicro gw = startGateway(i + 1);
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
  }

  private PayaraMicro startMessaging(String name) {
    return PayaraMicro.start(
        name,
        Path.of(System.getProperty("inbox.messagingWar")),
        messagingEnv,
        "database",
        messagingPort,
        READY_TIMEOUT);
  }

  private PayaraMicro startGateway(int n) {
    Map<String, String> env = new HashMap<>();
    env.put("POSTGRES_HOST", gatewayDb.host());
    env.put("POSTGRES_PORT", Integer.toString(gatewayDb.port()));
    env.put("POSTGRES_DB", gatewayDb.name());
    env.put("POSTGRES_USER", gatewayDb.user());
    env.put("POSTGRES_PASSWORD", gatewayDb.password());
    env.put("JWT_SECRET", secret);
    env.put("AI_FUNCTION_SECRET", aiFunctionSecret);
    env.put("MESSAGING_URL", "http://127.0.0.1:" + messagingPort);
    env.put("RABBITMQ_HOST", "127.0.0.1");
    env.put("RABBITMQ_PORT", Integer.toString(rabbit.port()));
    env.put("RABBITMQ_VHOST", "/");
    env.put("RABBITMQ_USER", "guest");
    env.put("RABBITMQ_PASSWORD", "guest");
    env.put("EVENT_EXCHANGE", EventTopology.DEFAULT_EXCHANGE);
    env.put("ALLOWED_ORIGINS", wsProxies.get(n - 1).origin());
    env.put("INBOX_ADMIN_USER", ADMIN);
    env.put("INBOX_ADMIN_PASSWORD", secret.substring(0, 24));
    // Every simulated customer is 127.0.0.1 and writes far more than a person would.
    env.put("CUSTOMER_MESSAGE_RATE_PER_MINUTE", "1000000");
    env.put("CUSTOMER_ADDRESS_MESSAGE_RATE_PER_MINUTE", "1000000");
    env.put("CUSTOMER_START_RATE_PER_MINUTE", "1000000");
    env.put("LOGIN_RATE_PER_MINUTE", "1000");
    return PayaraMicro.start(
        "gateway-" + n,
        Path.of(System.getProperty("inbox.gatewayWar")),
        env,
        "database",
        PayaraMicro.freePort(),
        READY_TIMEOUT);
  }

  /** Starts one more analyze replica; does not wait for it. */
  FunctionUnderTest startReplica() throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("RABBITMQ_HOST", "127.0.0.1");
    env.put("RABBITMQ_PORT", Integer.toString(rabbit.port()));
    env.put("RABBITMQ_VHOST", "/");
    env.put("RABBITMQ_USER", "guest");
    env.put("RABBITMQ_PASSWORD", "guest");
    env.put("EVENT_EXCHANGE", EventTopology.DEFAULT_EXCHANGE);
    env.put("MESSAGING_URL", "http://127.0.0.1:" + messagingPort);
    env.put("AI_FUNCTION_SECRET", aiFunctionSecret);
    env.put("OLLAMA_URL", ollama.url());
    env.put("OLLAMA_MODEL", MODEL);
    env.put("OLLAMA_TIMEOUT", "10s");
    env.put("AI_CONCURRENCY", Integer.toString(options.aiConcurrency()));
    env.put("METRICS_TOKEN", FunctionUnderTest.METRICS_TOKEN);
    env.put("BIND_ADDRESS", "127.0.0.1");
    // AI_RETRY_DELAYS stays at the product's default (2s,10s,30s): a 30 s Ollama outage is
    // outlasted by the last retry, as it would be in production.
    FunctionUnderTest f =
        FunctionUnderTest.start("ai-function-" + replicaSerial.incrementAndGet(), env);
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
    messaging = startMessaging("messaging-restart-" + messagingRestarts.incrementAndGet());
    return "SIGKILL messaging pid "
        + pid
        + ", restarted as pid "
        + messaging.pid()
        + " on port "
        + messagingPort
        + ", ready after "
        + (System.nanoTime() - killedAt) / 1_000_000
        + " ms";
  }

  String messagingUrl() {
    return "http://127.0.0.1:" + messagingPort;
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
