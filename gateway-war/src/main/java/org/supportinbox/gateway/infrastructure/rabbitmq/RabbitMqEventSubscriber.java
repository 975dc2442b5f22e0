package org.supportinbox.gateway.infrastructure.rabbitmq;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.contracts.events.EventTopology;
import org.supportinbox.gateway.api.websocket.SocketHub;
import org.supportinbox.web.SharedConfig;

/**
 * Every subscription of the gateway, in one place: each instance has its own exclusive, auto-delete
 * queue bound to the events browsers need, so every instance sees every event and pushes it to its
 * own sockets. The connection recovers by itself after a broker restart (re-declaring the queue and
 * bindings); events may have been missed meanwhile, so every socket is then told to resync.
 */
@ApplicationScoped
public class RabbitMqEventSubscriber {

  private static final Logger LOG = Logger.getLogger(RabbitMqEventSubscriber.class.getName());

  /** The routing keys (= event types) pushed to browsers. */
  public static final List<String> EVENTS =
      List.of("message.created", "ai.completed", "conversation.updated");

  @Inject SharedConfig shared;

  @Inject SocketHub hub;

  private Connection connection;

  /** Connects and subscribes; after that, automatic recovery keeps the subscription alive. */
  public synchronized void start() throws IOException, TimeoutException {
    ConnectionFactory factory = shared.rabbitConnectionFactory();
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    factory.setNetworkRecoveryInterval(2_000);
    connection = factory.newConnection("gateway-fanout");
    Channel channel = connection.createChannel();
    String exchange = shared.eventExchange();
    channel.exchangeDeclare(
        exchange,
        BuiltinExchangeType.TOPIC,
        true,
        false,
        EventTopology.exchangeArguments(exchange));
    String queue = channel.queueDeclare("", false, true, true, Map.of()).getQueue();
    for (String event : EVENTS) {
      channel.queueBind(queue, exchange, event);
    }
    channel.basicConsume(
        queue,
        true,
        (tag, delivery) ->
            hub.publish(
                delivery.getEnvelope().getRoutingKey(),
                new String(delivery.getBody(), StandardCharsets.UTF_8)),
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
    LOG.info(() -> "fan-out subscribed to " + EVENTS + " on " + exchange);
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
