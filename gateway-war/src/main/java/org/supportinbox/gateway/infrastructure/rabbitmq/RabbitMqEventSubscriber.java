package org.supportinbox.gateway.infrastructure.rabbitmq;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.auth.EventSignature;
import org.supportinbox.contracts.events.AiCompleted;
import org.supportinbox.contracts.events.AiRequested;
import org.supportinbox.contracts.events.ConversationRead;
import org.supportinbox.contracts.events.ConversationUpdated;
import org.supportinbox.contracts.events.EmailDeliveryChanged;
import org.supportinbox.contracts.events.EventTopology;
import org.supportinbox.contracts.events.MessageCreated;
import org.supportinbox.gateway.application.LiveEvents;
import org.supportinbox.gateway.config.GatewayConfig;
import org.supportinbox.platform.SharedConfig;

/**
 * Every subscription of the gateway, in one place: each instance has its own exclusive, auto-delete
 * queue bound to the events browsers need, so every instance sees every event and pushes it to its
 * own sockets.
 *
 * <p>Flow control: deliveries are acknowledged after they were handed to the sockets, with at most
 * {@link #PREFETCH} unacknowledged, so an instance that falls behind keeps its backlog in the
 * broker, not in its heap. The queue holds at most {@code FANOUT_QUEUE_MAX} events and drops the
 * oldest beyond that; when {@link #checkBacklog()} finds it full, sockets may miss events and are
 * told to resync. The connection recovers by itself after a broker restart or, in a cluster ({@code
 * RABBITMQ_ADDRESSES}), on another node when its node dies (re-declaring the queue, which lives on
 * the node of the connection, and its bindings); events may have been missed meanwhile, so every
 * socket is then told to resync.
 */
@ApplicationScoped
public class RabbitMqEventSubscriber {

  private static final Logger LOG = Logger.getLogger(RabbitMqEventSubscriber.class.getName());

  /** The routing keys (= event types) pushed to browsers. */
  public static final List<String> EVENTS =
      List.of(
          MessageCreated.TYPE,
          AiRequested.TYPE,
          AiCompleted.TYPE,
          ConversationUpdated.TYPE,
          ConversationRead.TYPE,
          EmailDeliveryChanged.TYPE);

  /** Events dropped for a missing or wrong signature, since start (logged every 100th). */
  private final AtomicLong unsigned = new AtomicLong();

  /** Unacknowledged deliveries the broker may push ahead of the fan-out. */
  static final int PREFETCH = 256;

  @Inject SharedConfig shared;

  @Inject GatewayConfig config;

  @Inject LiveEvents hub;

  private Connection connection;
  private Channel consumer;
  // A channel of its own for the backlog check, so that it never shares one with the consumer's
  // acknowledgements (recovered with the connection like the consumer's).
  private Channel monitor;
  private String queue;

  /** Connects and subscribes; after that, automatic recovery keeps the subscription alive. */
  public synchronized void start() throws IOException, TimeoutException {
    ConnectionFactory factory = shared.rabbitConnectionFactory();
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    factory.setNetworkRecoveryInterval(2_000);
    connection = shared.newRabbitConnection(factory, "gateway-fanout");
    consumer = connection.createChannel();
    monitor = connection.createChannel();
    String exchange = shared.eventExchange();
    consumer.exchangeDeclare(
        exchange,
        BuiltinExchangeType.TOPIC,
        true,
        false,
        EventTopology.exchangeArguments(exchange));
    // Named by the instance (not by the server), so recovery re-declares the very same queue.
    queue = "gateway.fanout." + UUID.randomUUID();
    consumer.queueDeclare(
        queue,
        false,
        true,
        true,
        Map.of("x-max-length", config.fanoutQueueMax(), "x-overflow", "drop-head"));
    for (String event : EVENTS) {
      consumer.queueBind(queue, exchange, event);
    }
    consumer.basicQos(PREFETCH);
    consumer.basicConsume(
        queue,
        false,
        (tag, delivery) -> deliver(delivery),
        tag -> LOG.warning("the broker cancelled the fan-out consumer"));
    ((Recoverable) connection)
        .addRecoveryListener(
            new RecoveryListener() {
              @Override
              public void handleRecovery(Recoverable recoverable) {
                LOG.info("broker connection recovered; telling every socket to resync");
                hub.resyncAll();
              }

              @Override
              public void handleRecoveryStarted(Recoverable recoverable) {
                LOG.warning("broker connection lost; recovering");
              }
            });
    LOG.info(() -> "fan-out subscribed to " + EVENTS + " on " + exchange + " with queue " + queue);
  }

  /**
   * Hands an event to the sockets if its publisher signed it: messaging's events with the key of
   * {@code JWT_SECRET}, the functions' {@code ai.completed} with that of {@code
   * AI_FUNCTION_SECRET}. Anything else on the broker (a {@code message.created} published by hand,
   * with a stolen broker password, that messaging never stored) reaches no browser.
   */
  private void deliver(Delivery delivery) throws IOException {
    try {
      String type = delivery.getEnvelope().getRoutingKey();
      Map<String, Object> headers = delivery.getProperties().getHeaders();
      Object signature = headers == null ? null : headers.get(EventSignature.HEADER);
      EventSignature publisher =
          AiCompleted.TYPE.equals(type)
              ? shared.aiFunctionEventSignature()
              : shared.eventSignature();
      if (publisher.verify(type, delivery.getBody(), signature)) {
        hub.publish(type, new String(delivery.getBody(), StandardCharsets.UTF_8));
      } else {
        long n = unsigned.incrementAndGet();
        if (n % 100 == 1) {
          LOG.warning(
              () ->
                  "dropped an event without a valid signature (type="
                      + type
                      + ", "
                      + n
                      + " since start): published by something other than its service");
        }
      }
    } finally {
      // Handing a frame to a socket never blocks, and an event that cannot be parsed is dropped
      // (and logged) by the hub: either way this delivery is done.
      consumer.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
    }
  }

  /**
   * Tells every socket to resync when the queue is full, since then the broker drops the oldest
   * events. Called periodically; a failure (e.g. while the connection recovers) is logged.
   */
  public void checkBacklog() {
    Channel check;
    synchronized (this) {
      if (monitor == null || !connection.isOpen()) {
        return;
      }
      check = monitor;
    }
    try {
      long waiting = check.messageCount(queue);
      if (waiting >= config.fanoutQueueMax()) {
        LOG.warning(
            () ->
                "fan-out is "
                    + waiting
                    + " events behind (FANOUT_QUEUE_MAX); the oldest are dropped, sockets resync");
        hub.resyncAll();
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "fan-out backlog check failed; next round", e);
    }
  }

  public synchronized boolean isConnected() {
    return connection != null && connection.isOpen();
  }

  @PreDestroy
  synchronized void stop() {
    if (connection != null) {
      try {
        connection.close(2_000);
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.FINE, "closing the broker connection failed; it is dropped", e);
      }
    }
  }
}
