package org.supportinbox.messaging.infrastructure.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.auth.EventSignature;
import org.supportinbox.contracts.events.EventTopology;
import org.supportinbox.messaging.config.MessagingConfig;
import org.supportinbox.platform.SharedConfig;

/**
 * Publishes events to the topic exchange: persistent, {@code mandatory}, with publisher confirms,
 * each signed ({@link EventSignature}, a key derived from {@code JWT_SECRET}) so that the gateway
 * forwards only what messaging published, never an event somebody else put on the broker. It owns
 * one connection and reconnects on the next call after any failure (no automatic recovery: the
 * relay decides when to retry, and a failed batch is simply published again), to whichever node of
 * {@code RABBITMQ_ADDRESSES} answers: a batch whose confirms did not all come is not marked
 * published, so a node's death costs a republish, never an event.
 */
@ApplicationScoped
public class RabbitMqEventPublisher {

  private static final Logger LOG = Logger.getLogger(RabbitMqEventPublisher.class.getName());

  @Inject MessagingConfig config;

  @Inject SharedConfig shared;

  private Connection connection;
  private Channel channel;

  /** Event ids the broker returned as unroutable during the current batch. */
  private final Set<String> returned = ConcurrentHashMap.newKeySet();

  /**
   * Publishes {@code rows} in order and waits until the broker confirmed all of them. Returns how
   * many leading rows are safely routed: {@code rows.size()}, or the index of the first row the
   * broker returned as unroutable.
   */
  public synchronized int publish(List<? extends PublishableEvent> rows)
      throws IOException, InterruptedException, TimeoutException {
    Channel ch = channel();
    returned.clear();
    try {
      for (PublishableEvent row : rows) {
        byte[] body = row.payload().getBytes(StandardCharsets.UTF_8);
        AMQP.BasicProperties props =
            new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .contentEncoding("utf-8")
                .deliveryMode(2)
                .messageId(row.eventId())
                .type(row.eventType())
                .timestamp(new Date())
                .headers(headers(row, body))
                .build();
        ch.basicPublish(shared.eventExchange(), row.eventType(), true, props, body);
      }
      ch.waitForConfirmsOrDie(config.publishConfirmTimeoutMillis());
    } catch (IOException | TimeoutException | RuntimeException e) {
      close();
      throw e;
    }
    // The broker sends basic.return before the basic.ack of the same message, so every return
    // of this batch has been seen once all confirms are in.
    for (int i = 0; i < rows.size(); i++) {
      if (returned.contains(rows.get(i).eventId())) {
        return i;
      }
    }
    return rows.size();
  }

  /** The signature, and the conversation id of an event about a conversation. */
  private Map<String, Object> headers(PublishableEvent row, byte[] body) {
    String signature = shared.eventSignature().sign(row.eventType(), body);
    return row.conversationId() == null
        ? Map.of(EventSignature.HEADER, signature)
        : Map.of("conversation_id", row.conversationId(), EventSignature.HEADER, signature);
  }

  /** Opens the connection now if it is not open; throws what prevents it. */
  public synchronized void connect() throws IOException, TimeoutException {
    channel();
  }

  public synchronized boolean isConnected() {
    return channel != null && channel.isOpen();
  }

  private Channel channel() throws IOException, TimeoutException {
    if (channel != null && channel.isOpen()) {
      return channel;
    }
    close();
    ConnectionFactory factory = shared.rabbitConnectionFactory();
    factory.setAutomaticRecoveryEnabled(false);
    connection = shared.newRabbitConnection(factory, "messaging-outbox-relay");
    Channel ch = connection.createChannel();
    declareTopology(ch);
    ch.confirmSelect();
    ch.addReturnListener(r -> returned.add(r.getProperties().getMessageId()));
    channel = ch;
    LOG.info(
        () ->
            "connected to RabbitMQ "
                + shared.rabbitAddress()
                + " exchange="
                + shared.eventExchange());
    return ch;
  }

  /**
   * Messaging's part of the topology: the topic exchange and, as its alternate exchange, a fanout
   * exchange and durable queue that keep whatever no consumer has bound a queue for yet.
   */
  private void declareTopology(Channel ch) throws IOException {
    String exchange = shared.eventExchange();
    String unrouted = EventTopology.unroutedExchange(exchange);
    ch.exchangeDeclare(unrouted, BuiltinExchangeType.FANOUT, true);
    ch.queueDeclare(unrouted, true, false, false, Map.of("x-queue-type", "quorum"));
    ch.queueBind(unrouted, unrouted, "");
    ch.exchangeDeclare(
        exchange,
        BuiltinExchangeType.TOPIC,
        true,
        false,
        EventTopology.exchangeArguments(exchange));
  }

  @PreDestroy
  public synchronized void close() {
    Connection c = connection;
    connection = null;
    channel = null;
    if (c != null && c.isOpen()) {
      try {
        c.close(2_000);
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.FINE, "closing the RabbitMQ connection failed; it is dropped", e);
      }
    }
  }
}
