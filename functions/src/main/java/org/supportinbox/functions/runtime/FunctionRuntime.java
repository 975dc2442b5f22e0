package org.supportinbox.functions.runtime;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.auth.EventSignature;
import org.supportinbox.functions.runtime.EventFunction.Outcome;

/**
 * Runs one {@link EventFunction} as a competing consumer of its work queue. {@code AI_CONCURRENCY}
 * channels each take one unacked delivery at a time (prefetch 1), so a replica never holds more
 * events than it is working on and the others get the rest. Acks come only after the function
 * returned; retries and dead letters are published with confirms before the original is acked, so a
 * crash at any point leaves the event in some queue (it may then be handled twice, which the
 * functions are written for).
 */
public final class FunctionRuntime {

  private static final Logger LOG = Logger.getLogger(FunctionRuntime.class.getName());
  private static final String ATTEMPT_HEADER = "x-attempt";

  private final FunctionConfig config;
  private final FunctionTopology topology;
  private final EventFunction function;
  private final FunctionMetrics metrics;
  private final int workers;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final List<Channel> consumers = new ArrayList<>();
  private final ExecutorService consumerThreads;
  private volatile Connection connection;
  private volatile ConfirmedPublisher publisher;
  private volatile boolean stopping;

  public FunctionRuntime(
      FunctionConfig config,
      FunctionTopology topology,
      EventFunction function,
      FunctionMetrics metrics) {
    this(config, topology, function, metrics, config.concurrency);
  }

  /** With {@code workers} consumers instead of {@code AI_CONCURRENCY}. */
  public FunctionRuntime(
      FunctionConfig config,
      FunctionTopology topology,
      EventFunction function,
      FunctionMetrics metrics,
      int workers) {
    this.config = config;
    this.workers = workers;
    this.topology = topology;
    this.function = function;
    this.metrics = metrics;
    AtomicInteger n = new AtomicInteger();
    this.consumerThreads =
        Executors.newFixedThreadPool(
            workers, r -> new Thread(r, topology.workQueue() + "-consumer-" + n.incrementAndGet()));
  }

  /**
   * Connects (retrying until the broker answers or {@link #stop} is called), declares the topology
   * and starts consuming. Later connection losses are recovered by amqp-client, on any node of
   * {@code RABBITMQ_ADDRESSES}, which re-declares the topology and re-registers the consumers.
   */
  public void start() throws InterruptedException {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setVirtualHost(config.rabbitVhost);
    factory.setUsername(config.rabbitUser);
    factory.setPassword(config.rabbitPassword);
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    factory.setNetworkRecoveryInterval(2_000);
    factory.setRequestedHeartbeat(15);
    factory.setSharedExecutor(consumerThreads);
    long backoff = 500;
    while (!stopping) {
      try {
        connection =
            factory.newConnection(
                config.rabbitAddresses, config.serviceName + "@" + ProcessHandle.current().pid());
        break;
      } catch (IOException | TimeoutException e) {
        LOG.warning(
            "cannot reach RabbitMQ at "
                + config.rabbitAddressText()
                + " vhost "
                + config.rabbitVhost
                + " ("
                + e
                + "); retrying in "
                + backoff
                + " ms");
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
    if (stopping) {
      return;
    }
    try {
      Channel setup = connection.createChannel();
      topology.declare(setup);
      setup.close();
      publisher =
          new ConfirmedPublisher(
              connection,
              Duration.ofSeconds(10),
              EventSignature.fromSecret(config.aiFunctionSecret));
      synchronized (consumers) {
        for (int i = 0; i < workers; i++) {
          Channel channel = connection.createChannel();
          channel.basicQos(1);
          channel.basicConsume(topology.workQueue(), false, new Worker(channel));
          consumers.add(channel);
        }
      }
    } catch (IOException | TimeoutException e) {
      throw new IllegalStateException("cannot set up the broker topology: " + e, e);
    }
    LOG.info(
        "consuming "
            + topology.workQueue()
            + " (bound to "
            + function.routingKeys()
            + " on "
            + topology.exchange()
            + ") with "
            + workers
            + " worker(s); retries after "
            + config.retryDelays
            + "; dead letters to "
            + topology.deadLetterQueue());
  }

  /**
   * Graceful stop: no new deliveries, wait up to {@code AI_DRAIN_TIMEOUT} for the events being
   * handled, then close the connection. Whatever is still unacked then goes back to the queue for
   * another replica.
   */
  public void stop() {
    stopping = true;
    synchronized (consumers) {
      for (Channel channel : consumers) {
        try {
          for (String tag : consumerTags(channel)) {
            channel.basicCancel(tag);
          }
        } catch (IOException | RuntimeException e) {
          LOG.warning("cannot cancel a consumer: " + e);
        }
      }
    }
    long deadline = System.nanoTime() + config.drainTimeout.toNanos();
    if (inFlight.get() > 0) {
      LOG.info("stopping: waiting for " + inFlight.get() + " event(s) in flight");
    }
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    int left = inFlight.get();
    Connection c = connection;
    if (c != null) {
      try {
        c.close(5_000);
      } catch (IOException | RuntimeException e) {
        LOG.warning("closing the broker connection: " + e);
      }
    }
    consumerThreads.shutdownNow();
    LOG.info(
        left == 0
            ? "stopped: every event in flight was finished"
            : "stopped: " + left + " unfinished event(s) returned to the queue");
  }

  private final Map<Channel, List<String>> tags = new HashMap<>();

  private List<String> consumerTags(Channel channel) {
    synchronized (tags) {
      return List.copyOf(tags.getOrDefault(channel, List.of()));
    }
  }

  /** Readiness: connected, consuming, not stopping. */
  public List<HttpEndpoints.Check> checks() {
    Connection c = connection;
    boolean connected = c != null && c.isOpen();
    long open;
    synchronized (consumers) {
      open = consumers.stream().filter(Channel::isOpen).count();
    }
    return List.of(
        new HttpEndpoints.Check(
            "broker",
            connected,
            connected
                ? "connected to " + c.getAddress().getHostAddress() + ":" + c.getPort()
                : "not connected"),
        new HttpEndpoints.Check(
            "consumers",
            !stopping && connected && open == workers,
            stopping
                ? "stopping"
                : open + " of " + workers + " consuming " + topology.workQueue()));
  }

  private final class Worker extends DefaultConsumer {

    Worker(Channel channel) {
      super(channel);
    }

    @Override
    public void handleConsumeOk(String consumerTag) {
      super.handleConsumeOk(consumerTag);
      synchronized (tags) {
        // After a recovery the tag stays the same; keep one entry per tag.
        List<String> list = tags.computeIfAbsent(getChannel(), k -> new ArrayList<>());
        if (!list.contains(consumerTag)) {
          list.add(consumerTag);
        }
      }
    }

    @Override
    public void handleDelivery(
        String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
      inFlight.incrementAndGet();
      metrics.inFlight.inc();
      try {
        int attempt = attemptOf(properties);
        EventFunction.Delivery delivery =
            new EventFunction.Delivery(
                envelope.getRoutingKey(),
                properties,
                body,
                attempt,
                attempt > topology.retries(),
                envelope.isRedeliver());
        Outcome outcome;
        try {
          outcome = function.handle(delivery, publisher);
        } catch (RuntimeException e) {
          LOG.log(Level.SEVERE, "function failed on event_id=" + properties.getMessageId(), e);
          outcome = new Outcome.Retry("internal_error", e.toString());
        }
        settle(getChannel(), envelope, properties, body, attempt, outcome);
      } finally {
        metrics.inFlight.dec();
        inFlight.decrementAndGet();
      }
    }
  }

  private void settle(
      Channel channel,
      Envelope envelope,
      AMQP.BasicProperties properties,
      byte[] body,
      int attempt,
      Outcome outcome) {
    long tag = envelope.getDeliveryTag();
    try {
      if (outcome instanceof Outcome.Done done) {
        metrics.processed.labelValues(done.result()).inc();
      } else if (outcome instanceof Outcome.Retry retry) {
        metrics.failed.labelValues(retry.reason()).inc();
        String queue = topology.retryQueue(attempt - 1);
        publisher.publishToQueue(
            queue,
            withHeaders(
                properties,
                Map.of(
                    ATTEMPT_HEADER,
                    Math.min(attempt + 1, topology.retries() + 1),
                    "x-last-error",
                    clip(retry.reason() + ": " + retry.detail()))),
            body);
        metrics.retried.inc();
        LOG.info(
            "retry event_id="
                + properties.getMessageId()
                + " attempt="
                + attempt
                + " reason="
                + retry.reason()
                + " via "
                + queue
                + " ("
                + retry.detail()
                + ")");
      } else if (outcome instanceof Outcome.Poison poison) {
        publisher.publishToQueue(
            topology.deadLetterQueue(),
            withHeaders(
                properties,
                Map.of(
                    "x-dead-reason",
                    clip(poison.reason()),
                    "x-original-routing-key",
                    envelope.getRoutingKey())),
            body);
        metrics.deadLettered.inc();
        LOG.warning(
            "dead-lettered event_id="
                + properties.getMessageId()
                + " to "
                + topology.deadLetterQueue()
                + ": "
                + poison.reason());
      }
      channel.basicAck(tag, false);
    } catch (IOException | RuntimeException e) {
      // The retry or dead letter is not safely stored: hand the event back to the queue instead.
      LOG.warning(
          "cannot settle event_id="
              + properties.getMessageId()
              + " ("
              + e
              + "); returning it to the queue");
      try {
        Thread.sleep(1_000);
        channel.basicNack(tag, false, true);
      } catch (IOException | RuntimeException nackFailed) {
        LOG.warning("nack failed too (" + nackFailed + "); the broker redelivers on reconnect");
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static int attemptOf(AMQP.BasicProperties properties) {
    Map<String, Object> headers = properties.getHeaders();
    Object value = headers == null ? null : headers.get(ATTEMPT_HEADER);
    if (value instanceof Number n && n.intValue() >= 1) {
      return n.intValue();
    }
    return 1;
  }

  private static AMQP.BasicProperties withHeaders(
      AMQP.BasicProperties properties, Map<String, Object> extra) {
    Map<String, Object> headers =
        properties.getHeaders() == null ? new HashMap<>() : new HashMap<>(properties.getHeaders());
    headers.putAll(extra);
    return properties.builder().headers(headers).build();
  }

  private static String clip(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500);
  }
}
